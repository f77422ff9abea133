using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>
/// The request logs of one time bucket and one value of one dimension, summed exactly: counts, whole
/// microseconds of latency, tokens, and cost in whole 1e-10 USD (the cost column's precision).
/// </summary>
public abstract class RequestRollup
{
    public DateTime BucketStart { get; set; }

    public RollupDimension Dimension { get; set; }

    public string Key { get; set; } = string.Empty;

    public long Requests { get; set; }

    /// <summary>Requests answered with a status of 400 or more.</summary>
    public long Errors { get; set; }

    public long LatencyUs { get; set; }

    public long Tokens { get; set; }

    public long RowsWithTokens { get; set; }

    /// <summary>Cost in whole 1e-10 USD (<see cref="RollupMath.CostUnitsPerUsd"/>).</summary>
    public long CostUnits { get; set; }

    public long RowsWithCost { get; set; }
}

/// <summary>A <see cref="RequestRollup"/> of one UTC hour.</summary>
public sealed class HourlyRequestRollup : RequestRollup;

/// <summary>A <see cref="RequestRollup"/> of one UTC day.</summary>
public sealed class DailyRequestRollup : RequestRollup;
