using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>
/// The request logs of one time bucket and one value of one dimension, summed exactly: counts, whole
/// microseconds of latency, tokens, and cost in ten-thousandths of a dollar (the cost column's precision).
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

    public long CostTenThousandths { get; set; }

    public long RowsWithCost { get; set; }
}

/// <summary>A <see cref="RequestRollup"/> of one UTC hour.</summary>
public sealed class HourlyRequestRollup : RequestRollup;

/// <summary>A <see cref="RequestRollup"/> of one UTC day.</summary>
public sealed class DailyRequestRollup : RequestRollup;
