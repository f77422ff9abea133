namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>
/// The dashboard's reads, one method per figure group, each answered by grouped SQL.
/// Windows are inclusive at both ends: <c>from &lt;= created_at &lt;= to</c>.
/// </summary>
public interface IDashboardReadStore
{
    /// <summary>Per-bucket request totals; buckets with no rows are absent.</summary>
    Task<IReadOnlyList<RequestBucketTotals>> GetRequestBucketsAsync(DateTime from, DateTime to, BucketSize bucketSize, CancellationToken cancellationToken);

    /// <summary>Error status codes (>= 400) with their counts, most frequent first.</summary>
    Task<IReadOnlyList<LabelCount>> GetErrorCodesAsync(DateTime from, DateTime to, CancellationToken cancellationToken);

    /// <summary>Models by request count, most first, ties by name; requests without a model excluded.</summary>
    Task<IReadOnlyList<LabelCount>> GetTopModelsAsync(DateTime from, DateTime to, int limit, CancellationToken cancellationToken);

    /// <summary>Country codes by request count, most first, ties by code; blank code for unknown.</summary>
    Task<IReadOnlyList<LabelCount>> GetTopCountryCodesAsync(DateTime from, DateTime to, int limit, CancellationToken cancellationToken);

    /// <summary>Models with requests that carry tokens but no cost (no price known), with those requests' count, most first, ties by name.</summary>
    Task<IReadOnlyList<LabelCount>> GetUnpricedModelsAsync(DateTime from, DateTime to, CancellationToken cancellationToken);

    Task<UserActivity> GetUserActivityAsync(DateTime from, DateTime to, CancellationToken cancellationToken);

    /// <summary>Feedback counts per rating (1–5) for feedback created in the window.</summary>
    Task<IReadOnlyList<RatingCount>> GetRatingCountsAsync(DateTime from, DateTime to, CancellationToken cancellationToken);

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

public sealed record LabelCount(string Label, long Count);

public sealed record RatingCount(int Rating, long Count);

public sealed record UserActivity(long ActiveUsers, long Sessions, decimal SessionCostSum, long SessionRequestsSum);

public sealed record ThreatTotals(long Total, long Unresolved, long Critical, long High, IReadOnlyList<LabelCount> TopTypes);
