namespace CleanDashboard.Application.Common.Caching;

/// <summary>
/// How long cached query answers live (<see cref="TimeSpan.Zero"/> turns the cache off), and how often at most one query's
/// answer is recomputed for newer data: commits within <see cref="RecomputeInterval"/> of the last recomputation are
/// served the answer before them, so a burst of batches does not defeat the cache.
/// </summary>
public sealed record QueryCacheSettings(TimeSpan Duration)
{
    /// <summary>Under the dashboard's 30 s refresh, so every refresh sees data at most this old.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(15);

    /// <summary>Half the 2 s a request may take to reach the dashboard; the rest is the writer's batching and the query.</summary>
    public static readonly TimeSpan DefaultRecomputeInterval = TimeSpan.FromSeconds(1);

    public TimeSpan RecomputeInterval { get; init; } = DefaultRecomputeInterval;

    public bool Enabled => Duration > TimeSpan.Zero;
}
