namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>
/// The contract's rounding: money 6 decimals (averages of money too; docs/decisions/060-exact-money.md), other
/// averages 2, milliseconds 1, seconds 3, percentiles to the microsecond; halves away from zero.
/// </summary>
public static class Rounding
{
    public const int MoneyDecimals = 6;

    public static decimal Money(decimal value) => Normalize(Math.Round(value, MoneyDecimals, MidpointRounding.AwayFromZero));

    public static double Average(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static double Milliseconds(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    public static double Seconds(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    /// <summary>A percentile or TTFT in milliseconds to the microsecond, the resolution latency is stored in (docs/decisions/075).</summary>
    public static double? MillisecondsFromMicroseconds(double? microseconds) =>
        microseconds is double us ? Math.Round(us / 1000, 3, MidpointRounding.AwayFromZero) : null;

    /// <summary>A percentile or TTFT in seconds to the microsecond.</summary>
    public static double? SecondsFromMicroseconds(double? microseconds) =>
        microseconds is double us ? Math.Round(us / 1_000_000, 6, MidpointRounding.AwayFromZero) : null;

    /// <summary>Drops trailing zeros of the scale, so 1.2300m is written as 1.23 in JSON.</summary>
    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;
}
