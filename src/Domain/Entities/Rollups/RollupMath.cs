namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>The exact units rollups sum in, and the UTC buckets they sum over.</summary>
public static class RollupMath
{
    /// <summary>Cost is summed in whole 1e-10 USD (the cost column's precision), so no sum ever rounds.</summary>
    public const long CostUnitsPerUsd = 10_000_000_000;

    public static long ToCostUnits(decimal usd) => (long)decimal.Round(usd * CostUnitsPerUsd, MidpointRounding.AwayFromZero);

    public static decimal FromCostUnits(long units) => units / (decimal)CostUnitsPerUsd;

    public static long ToMicroseconds(double milliseconds) => (long)Math.Round(milliseconds * 1000, MidpointRounding.AwayFromZero);

    public static DateTime HourOf(DateTime value) => new(value.Year, value.Month, value.Day, value.Hour, 0, 0, DateTimeKind.Utc);

    public static DateTime DayOf(DateTime value) => new(value.Year, value.Month, value.Day, 0, 0, 0, DateTimeKind.Utc);
}
