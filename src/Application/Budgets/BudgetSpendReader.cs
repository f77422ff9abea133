using Microsoft.Extensions.Logging;

namespace CleanDashboard.Application.Budgets;

/// <summary>
/// <see cref="IBudgetSpend"/> from the counters; when they cannot be reached, from the spend the database recorded
/// (which may trail the counters by the writer's delay).
/// </summary>
public sealed class BudgetSpendReader(
    SpendLimitsRegistry registry,
    ISpendCounters counters,
    IRecordedSpend recorded,
    TimeZoneInfo zone,
    TimeProvider timeProvider,
    ILogger<BudgetSpendReader> logger) : IBudgetSpend
{
    public async Task<IReadOnlyList<BudgetSpend>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<BudgetSpend>();
        foreach (var limits in registry.All.Where(l => l.BudgetUsd is not null))
        {
            result.Add(await SpendAsync(limits, cancellationToken));
        }

        return result;
    }

    public async Task<BudgetSpend?> GetAsync(LimitSubject subject, CancellationToken cancellationToken) =>
        registry.Find(subject) is { BudgetUsd: not null } limits ? await SpendAsync(limits, cancellationToken) : null;

    public async Task<BudgetSpend> SpendAsync(SubjectLimits limits, CancellationToken cancellationToken)
    {
        var period = BudgetPeriods.Current(limits.BudgetPeriod!.Value, timeProvider.GetUtcNow().UtcDateTime, zone);
        decimal spent;
        try
        {
            spent = SpendUnits.ToUsd(await counters.SpentAsync(limits.Subject, period, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The spend counters cannot be reached; spend is read from the request logs");
            spent = await recorded.SpentAsync(limits.Subject, period, cancellationToken);
        }

        return new BudgetSpend(limits.Subject, limits.BudgetUsd!.Value, limits.BudgetPeriod.Value, period.StartUtc, period.EndUtc, spent);
    }
}
