namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>
/// The dashboard's reads, one method per figure group, each answered by grouped SQL.
/// Windows are inclusive at both ends: <c>from &lt;= created_at &lt;= to</c>. Every request figure follows the
/// <see cref="DashboardFilter"/>; <paramref name="bucketStarts"/> are the window's bucket starts (UTC instants,
/// ascending, the first at or before <c>from</c>), and each row counts in the last bucket starting at or before it.
/// </summary>
public interface IDashboardReadStore
{
    /// <summary>
    /// Pins one state of the database for every read until disposed. Taken before the window's "now" is read, it
    /// holds no row stamped later than that now, so the current hour can be read from its rollup under heavy writes.
    /// </summary>
    Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>Per-bucket request totals; buckets with no rows are absent.</summary>
    Task<IReadOnlyList<RequestBucketTotals>> GetRequestBucketsAsync(DateTime from, DateTime to, IReadOnlyList<DateTime> bucketStarts, DashboardFilter filter, CancellationToken cancellationToken);

    /// <summary>Per-bucket latency and time-to-first-token distributions, and the window's; buckets with no rows are absent.</summary>
    Task<LatencyFigures> GetLatencyAsync(DateTime from, DateTime to, IReadOnlyList<DateTime> bucketStarts, DashboardFilter filter, CancellationToken cancellationToken);

    /// <summary>Error status codes (>= 400) with their counts, most frequent first.</summary>
    Task<IReadOnlyList<LabelCount>> GetErrorCodesAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken);

    /// <summary>Models by request count, most first, ties by name; requests without a model excluded.</summary>
    Task<IReadOnlyList<LabelCount>> GetTopModelsAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken);

    /// <summary>Country codes by request count, most first, ties by code; blank code for unknown.</summary>
    Task<IReadOnlyList<LabelCount>> GetTopCountryCodesAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken);

    /// <summary>Models with requests that carry tokens but no cost (no price known), with those requests' count, most first, ties by name.</summary>
    Task<IReadOnlyList<LabelCount>> GetUnpricedModelsAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken);

    /// <summary>Users by cost, then requests, then name, then id; requests without a user excluded.</summary>
    Task<IReadOnlyList<UserTotals>> GetTopUsersAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken);

    /// <summary>API keys by cost, then requests, then name, then id; requests without a key excluded.</summary>
    Task<IReadOnlyList<ApiKeyTotals>> GetTopApiKeysAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken);

    /// <summary>Every endpoint of the window with its requests, errors and latencies.</summary>
    Task<IReadOnlyList<EndpointTotals>> GetEndpointsAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken);

    /// <summary>Distinct users among the filtered requests; sessions of the filter's user (all sessions without a user filter).</summary>
    Task<UserActivity> GetUserActivityAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken);

    /// <summary>Feedback counts per rating (1–5) for feedback created in the window, on requests that match the filter.</summary>
    Task<IReadOnlyList<RatingCount>> GetRatingCountsAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken);

    Task<ThreatTotals> GetThreatTotalsAsync(DateTime from, DateTime to, int topTypes, CancellationToken cancellationToken);
}

/// <summary>
/// Sums for one time bucket, all exact: latency in whole microseconds, cost in decimal.
/// Token and cost counts say how many rows carried the figure.
/// </summary>
public sealed record RequestBucketTotals(
    DateTime BucketStart,
    long Success,
    long Error,
    long LatencyUsSum,
    long TokensSum,
    long RowsWithTokens,
    decimal CostSum,
    long RowsWithCost);

/// <summary>Latencies and times to first token of one bucket (or the whole window); TTFT sums are exact, in whole microseconds.</summary>
public sealed record LatencyBucket(DateTime BucketStart, ILatencyDistribution Latency, ILatencyDistribution Ttft, long TtftUsSum);

public sealed record LatencyFigures(IReadOnlyList<LatencyBucket> Buckets, LatencyBucket Window);

public sealed record UserTotals(int Id, string Name, long Requests, long Tokens, decimal Cost);

public sealed record ApiKeyTotals(int Id, string Name, string UserName, long Requests, long Tokens, decimal Cost);

public sealed record EndpointTotals(string Name, long Requests, long Errors, ILatencyDistribution Latency);

public sealed record LabelCount(string Label, long Count);

public sealed record RatingCount(int Rating, long Count);

public sealed record UserActivity(long ActiveUsers, long Sessions, decimal SessionCostSum, long SessionRequestsSum);

public sealed record ThreatTotals(long Total, long Unresolved, long Critical, long High, IReadOnlyList<LabelCount> TopTypes);
