namespace CleanDashboard.Application.Budgets;

/// <summary>
/// The counters limits are enforced with: settled spend and reservations per budget period, requests and tokens per
/// minute. One implementation per deployment: in this process's memory, or in Redis shared by every instance. Each
/// method is atomic across every check it is given.
/// </summary>
public interface ISpendCounters
{
    /// <summary>Admits the request and reserves its estimate under every check, or changes nothing and names the first check it would break.</summary>
    Task<CounterAdmission> TryAdmitAsync(IReadOnlyList<CounterCheck> checks, CancellationToken cancellationToken);

    /// <summary>Replaces an admitted request's reservations by its real cost and tokens.</summary>
    Task SettleAsync(IReadOnlyList<CounterCheck> admitted, long costUnits, long tokens, CancellationToken cancellationToken);

    /// <summary>Raises the period's settled spend to what the database recorded when the counter holds less (a new instance, a restarted Redis).</summary>
    Task ReconcileAsync(LimitSubject subject, PeriodWindow period, long recordedUnits, CancellationToken cancellationToken);

    /// <summary>The settled spend of the period, in <see cref="SpendUnits"/>.</summary>
    Task<long> SpentAsync(LimitSubject subject, PeriodWindow period, CancellationToken cancellationToken);
}

/// <summary>
/// One subject's limits as one request meets them. <paramref name="Minute"/> numbers the minute the request started in
/// (minutes since the Unix epoch); budgets are in <see cref="SpendUnits"/>.
/// </summary>
public sealed record CounterCheck(
    LimitSubject Subject,
    long? BudgetUnits,
    PeriodWindow Period,
    long EstimateUnits,
    int? RequestsPerMinute,
    int? TokensPerMinute,
    long Minute,
    long TokenEstimate);

/// <summary>Admitted, or the index of the check that refused and which of its limits.</summary>
public sealed record CounterAdmission(bool Admitted, int RefusedCheck, LimitKind RefusedBy)
{
    public static readonly CounterAdmission Yes = new(true, -1, LimitKind.None);
}

public enum LimitKind
{
    None = 0,
    Budget = 1,
    Requests = 2,
    Tokens = 3,
}
