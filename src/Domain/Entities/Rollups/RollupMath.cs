namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>The exact units rollups sum in, and the UTC buckets they sum over.</summary>
public static class RollupMath
{
    public static long ToTenThousandths(decimal usd) => (long)decimal.Round(usd * 10_000m, MidpointRounding.AwayFromZero);

    public static decimal FromTenThousandths(long units) => units / 10_000m;

    public static long ToMicroseconds(double milliseconds) => (long)Math.Round(milliseconds * 1000, MidpointRounding.AwayFromZero);

    public static DateTime HourOf(DateTime value) => new(value.Year, value.Month, value.Day, value.Hour, 0, 0, DateTimeKind.Utc);

    public static DateTime DayOf(DateTime value) => new(value.Year, value.Month, value.Day, 0, 0, 0, DateTimeKind.Utc);
}
