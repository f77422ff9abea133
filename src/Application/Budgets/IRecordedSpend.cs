namespace CleanDashboard.Application.Budgets;

/// <summary>The spend the request logs record: the source of truth the counters are reconciled with (off the request path).</summary>
public interface IRecordedSpend
{
    Task<decimal> SpentAsync(LimitSubject subject, PeriodWindow period, CancellationToken cancellationToken);
}
