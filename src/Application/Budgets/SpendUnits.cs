namespace CleanDashboard.Application.Budgets;

/// <summary>
/// Spend counters count whole units of $10^-10, the precision request logs store costs in, so Redis's integer
/// arithmetic adds them exactly (Lua's doubles stay exact up to 2^53 units, $900,719).
/// </summary>
public static class SpendUnits
{
    private const decimal PerUsd = 10_000_000_000m;

    /// <summary>A settled cost, rounded as the database rounds it into its 10 decimals.</summary>
    public static long FromCost(decimal? usd) => usd is { } value ? (long)decimal.Round(value * PerUsd, 0, MidpointRounding.AwayFromZero) : 0;

    /// <summary>An estimate, rounded up: a reservation never holds less than the cost it stands for.</summary>
    public static long FromEstimate(decimal? usd) => usd is { } value ? (long)decimal.Ceiling(value * PerUsd) : 0;

    public static decimal ToUsd(long units) => units / PerUsd;
}
