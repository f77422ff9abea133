using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>
/// The request logs of one time bucket and one value of one dimension, summed exactly. The <c>Total</c>, <c>Model</c>
/// and <c>Endpoint</c> rows keep latency sketches (<see cref="KeepsSketches"/>): the unfiltered percentiles, the endpoint
/// table and a filter on one model or one endpoint need them (docs/decisions/121, 122).
/// </summary>
public abstract class RequestRollup : RequestSums
{
    /// <summary>
    /// Whether the rows of a dimension keep latency and TTFT sketches. Model rows written before they did (decision 122)
    /// hold empty sketches until <c>rebuild-rollups</c>; readers tell them by a sketch that counts fewer requests than its row.
    /// </summary>
    public static bool KeepsSketches(RollupDimension dimension) =>
        dimension is RollupDimension.Total or RollupDimension.Model or RollupDimension.Endpoint;

    public DateTime BucketStart { get; set; }

    public RollupDimension Dimension { get; set; }

    public string Key { get; set; } = string.Empty;
}

/// <summary>A <see cref="RequestRollup"/> of one UTC hour.</summary>
public sealed class HourlyRequestRollup : RequestRollup;

/// <summary>A <see cref="RequestRollup"/> of one UTC day.</summary>
public sealed class DailyRequestRollup : RequestRollup;
