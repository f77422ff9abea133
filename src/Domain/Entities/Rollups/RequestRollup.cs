using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>
/// The request logs of one time bucket and one value of one dimension, summed exactly. Only the <c>Total</c> and
/// <c>Endpoint</c> rows keep latency sketches: nothing else needs a percentile without a filter.
/// </summary>
public abstract class RequestRollup : RequestSums
{
    public DateTime BucketStart { get; set; }

    public RollupDimension Dimension { get; set; }

    public string Key { get; set; } = string.Empty;
}

/// <summary>A <see cref="RequestRollup"/> of one UTC hour.</summary>
public sealed class HourlyRequestRollup : RequestRollup;

/// <summary>A <see cref="RequestRollup"/> of one UTC day.</summary>
public sealed class DailyRequestRollup : RequestRollup;
