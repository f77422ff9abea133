using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>
/// The request logs of one time bucket, one value of a wide filter dimension (<see cref="RollupDimension.Model"/> or
/// <see cref="RollupDimension.Endpoint"/>) and one value of another dimension, summed exactly: what a breakdown under
/// one such filter needs (top users, keys, models, countries, error codes; active users), read as a few rows per bucket
/// instead of every cube row the filter matches (docs/decisions/122). Error statuses only (400 and above), like the facets.
/// </summary>
public abstract class RequestPair : RequestSums
{
    public RollupDimension Dimension { get; set; }

    public string Key { get; set; } = string.Empty;

    public RollupDimension By { get; set; }

    public string ByKey { get; set; } = string.Empty;

    public DateTime BucketStart { get; set; }

    /// <summary>The filter dimensions pairs are kept for: those whose values each select a large share of the traffic.</summary>
    public static bool IsPairedFilter(RollupDimension dimension) => dimension is RollupDimension.Model or RollupDimension.Endpoint;

    /// <summary>Only the endpoints under a model keep latency sketches: the endpoint table's p95 under a model filter.</summary>
    public static bool KeepsSketches(RollupDimension dimension, RollupDimension by) =>
        dimension == RollupDimension.Model && by == RollupDimension.Endpoint;
}

/// <summary>A <see cref="RequestPair"/> of one UTC hour.</summary>
public sealed class HourlyRequestPair : RequestPair;

/// <summary>A <see cref="RequestPair"/> of one UTC day.</summary>
public sealed class DailyRequestPair : RequestPair;
