using CleanDashboard.Application.Dashboard.Common;

namespace CleanDashboard.Application.UnitTests.TestDoubles;

/// <summary>
/// The one hand-written <see cref="IDashboardReadStore"/>: answers what a test sets, records every read
/// (method and window) and the limits asked for. Safe for concurrent reads, as the cache tests make them.
/// Bucket reads go through <see cref="AnswerBucketsAsync"/>, which a test may override to hold or vary them.
/// </summary>
internal class FakeDashboardReadStore : IDashboardReadStore
{
    private readonly Lock _gate = new();
    private readonly List<(string Method, DateTime From, DateTime To)> _calls = [];
    private IReadOnlyList<DateTime>? _bucketStarts;

    /// <summary>Every read so far, in order.</summary>
    public IReadOnlyList<(string Method, DateTime From, DateTime To)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The bucket starts of the first bucket read: the window's.</summary>
    public IReadOnlyList<DateTime>? BucketStarts
    {
        get
        {
            lock (_gate)
            {
                return _bucketStarts;
            }
        }
    }

    public int? ModelLimit { get; private set; }

    public int? ThreatTypeLimit { get; private set; }

    /// <summary>Answered for the window's bucket read only; the previous period's read answers no buckets.</summary>
    public IReadOnlyList<RequestBucketTotals> Buckets { get; set; } = [];

    public IReadOnlyList<LabelCount> ErrorCodes { get; set; } = [];

    public IReadOnlyList<LabelCount> Models { get; set; } = [];

    public IReadOnlyList<LabelCount> Countries { get; set; } = [];

    public IReadOnlyList<LabelCount> UnpricedModels { get; set; } = [];

    public UserActivity Users { get; set; } = new(0, 0, 0m, 0);

    public IReadOnlyList<RatingCount> Ratings { get; set; } = [];

    public ThreatTotals Threats { get; set; } = new(0, 0, 0, 0, []);

    /// <summary>Runs when the snapshot is opened (before any read of the computation).</summary>
    public Action? OnSnapshot { get; set; }

    /// <summary>How many reads had been made when the snapshot was opened and when it was disposed.</summary>
    public int? SnapshotOpenedAfterCalls { get; private set; }

    public int? SnapshotClosedAfterCalls { get; private set; }

    public Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        SnapshotOpenedAfterCalls = Calls.Count;
        OnSnapshot?.Invoke();
        return Task.FromResult<IAsyncDisposable>(new Snapshot(this));
    }

    /// <summary>How many times <paramref name="method"/> was read.</summary>
    public int CallCount(string method) => Calls.Count(c => c.Method == method);

    public Task<IReadOnlyList<RequestBucketTotals>> GetRequestBucketsAsync(DateTime from, DateTime to, IReadOnlyList<DateTime> bucketStarts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add((nameof(GetRequestBucketsAsync), from, to));
            _bucketStarts ??= bucketStarts;
        }

        return AnswerBucketsAsync(bucketStarts, cancellationToken);
    }

    public Task<LatencyFigures> GetLatencyAsync(DateTime from, DateTime to, IReadOnlyList<DateTime> bucketStarts, DashboardFilter filter, CancellationToken cancellationToken) =>
        Answer(nameof(GetLatencyAsync), from, to, new LatencyFigures([], new LatencyBucket(from, new LatencySketch(), new LatencySketch(), 0)));

    public Task<IReadOnlyList<UserTotals>> GetTopUsersAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<UserTotals>>(nameof(GetTopUsersAsync), from, to, []);

    public Task<IReadOnlyList<ApiKeyTotals>> GetTopApiKeysAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<ApiKeyTotals>>(nameof(GetTopApiKeysAsync), from, to, []);

    public Task<IReadOnlyList<EndpointTotals>> GetEndpointsAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<EndpointTotals>>(nameof(GetEndpointsAsync), from, to, []);

    public Task<IReadOnlyList<LabelCount>> GetErrorCodesAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken) =>
        Answer(nameof(GetErrorCodesAsync), from, to, ErrorCodes);

    public Task<IReadOnlyList<LabelCount>> GetTopModelsAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken)
    {
        ModelLimit = limit;
        return Answer<IReadOnlyList<LabelCount>>(nameof(GetTopModelsAsync), from, to, [.. Models.Take(limit)]);
    }

    public Task<IReadOnlyList<LabelCount>> GetTopCountryCodesAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<LabelCount>>(nameof(GetTopCountryCodesAsync), from, to, [.. Countries.Take(limit)]);

    public Task<IReadOnlyList<LabelCount>> GetUnpricedModelsAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken) =>
        Answer(nameof(GetUnpricedModelsAsync), from, to, UnpricedModels);

    public Task<UserActivity> GetUserActivityAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken) =>
        Answer(nameof(GetUserActivityAsync), from, to, Users);

    public Task<IReadOnlyList<RatingCount>> GetRatingCountsAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken) =>
        Answer(nameof(GetRatingCountsAsync), from, to, Ratings);

    public Task<ThreatTotals> GetThreatTotalsAsync(DateTime from, DateTime to, int topTypes, CancellationToken cancellationToken)
    {
        ThreatTypeLimit = topTypes;
        return Answer(nameof(GetThreatTotalsAsync), from, to, Threats);
    }

    /// <summary>The buckets one bucket read answers: <see cref="Buckets"/> for the window, none for another period.</summary>
    protected virtual Task<IReadOnlyList<RequestBucketTotals>> AnswerBucketsAsync(IReadOnlyList<DateTime> bucketStarts, CancellationToken cancellationToken) =>
        Task.FromResult(BucketStarts == bucketStarts ? Buckets : []);

    private Task<T> Answer<T>(string method, DateTime from, DateTime to, T answer)
    {
        lock (_gate)
        {
            _calls.Add((method, from, to));
        }

        return Task.FromResult(answer);
    }

    private sealed class Snapshot(FakeDashboardReadStore store) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            store.SnapshotClosedAfterCalls = store.Calls.Count;
            return ValueTask.CompletedTask;
        }
    }
}
