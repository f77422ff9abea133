using Microsoft.Extensions.Logging;

namespace CleanDashboard.Application.Budgets;

/// <summary>An admitted request's reservations; settled once, with the answer's real cost and tokens (0 when it has none).</summary>
public sealed class SpendReservation(ISpendCounters counters, IReadOnlyList<CounterCheck> checks, ILogger logger)
{
    private int _settled;

    public async Task SettleAsync(decimal? costUsd, int? totalTokens)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 1)
        {
            return;
        }

        try
        {
            await counters.SettleAsync(checks, SpendUnits.FromCost(costUsd), totalTokens ?? 0, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The reservation stays until its period or minute ends; the reconciler brings the spend back to the database's.
            logger.LogWarning(ex, "A request's spend could not be settled in the spend counters");
        }
    }
}
