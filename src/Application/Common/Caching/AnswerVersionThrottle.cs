using System.Collections.Concurrent;

namespace CleanDashboard.Application.Common.Caching;

/// <summary>
/// Which data version each query's answer is served at in this instance: the current one, unless the query moved to a
/// new version less than <see cref="QueryCacheSettings.RecomputeInterval"/> ago — then the one it moved to, whose answer
/// is cached. So a query is recomputed at most once per interval however many batches commit, and at most one interval
/// after a commit its answer includes it.
/// </summary>
public sealed class AnswerVersionThrottle(QueryCacheSettings settings)
{
    /// <summary>Queries differ by their parameters (custom ranges); entries older than the cache's duration are dropped past this many.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Served> _served = new(StringComparer.Ordinal);

    /// <summary>The version to serve <paramref name="query"/> at, given the <paramref name="current"/> one.</summary>
    public DataVersion Choose(string query, DataVersion current, DateTimeOffset now) =>
        _served.TryGetValue(query, out var served) && served.Version != current && now - served.Since < settings.RecomputeInterval
            ? served.Version
            : current;

    /// <summary>Records that <paramref name="query"/> was answered at <paramref name="version"/>; a new version starts its interval.</summary>
    public void Answered(string query, DataVersion version, DateTimeOffset now)
    {
        if (_served.TryGetValue(query, out var served) && served.Version == version)
        {
            return;
        }

        _served[query] = new Served(version, now);
        if (_served.Count > PruneAbove)
        {
            foreach (var (key, entry) in _served)
            {
                if (now - entry.Since > settings.Duration)
                {
                    _served.TryRemove(key, out _);
                }
            }
        }
    }

    private readonly record struct Served(DataVersion Version, DateTimeOffset Since);
}
