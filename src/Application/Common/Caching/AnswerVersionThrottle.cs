using System.Collections.Concurrent;

namespace CleanDashboard.Application.Common.Caching;

/// <summary>
/// Which data version each query's answer is served at in this instance: the version it was last answered at, until
/// <see cref="QueryCacheSettings.RecomputeInterval"/> has passed since it moved there and a newer version exists. Then
/// one caller computes the newer answer while every other caller is still served the cached one, so a query is
/// recomputed at most once per interval however many batches commit, and no reader but that one waits for it.
/// </summary>
public sealed class AnswerVersionThrottle(QueryCacheSettings settings)
{
    /// <summary>Queries differ by their parameters (custom ranges); entries older than the cache's duration are dropped past this many.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Served> _served = new(StringComparer.Ordinal);

    /// <summary>
    /// The version to serve <paramref name="query"/> at, given the <paramref name="current"/> one. When it is newer than
    /// the served one, the caller must report the outcome with <see cref="Answered"/> or <see cref="Abandoned"/>.
    /// </summary>
    public DataVersion Choose(string query, DataVersion current, DateTimeOffset now)
    {
        if (!_served.TryGetValue(query, out var served) || served.Version == current)
        {
            return current;
        }

        var due = !served.Refreshing && now - served.Since >= settings.RecomputeInterval;
        return due && _served.TryUpdate(query, served with { Refreshing = true }, served) ? current : served.Version;
    }

    /// <summary>Records that <paramref name="query"/> was answered at <paramref name="version"/>; a new version starts its interval.</summary>
    public void Answered(string query, DataVersion version, DateTimeOffset now)
    {
        if (_served.TryGetValue(query, out var served) && served.Version == version)
        {
            return;
        }

        _served[query] = new Served(version, now, Refreshing: false);
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

    /// <summary>The newer answer could not be computed (an error, a cancelled request): the next caller tries again.</summary>
    public void Abandoned(string query, DataVersion version)
    {
        if (_served.TryGetValue(query, out var served) && served.Version != version && served.Refreshing)
        {
            _served.TryUpdate(query, served with { Refreshing = false }, served);
        }
    }

    private readonly record struct Served(DataVersion Version, DateTimeOffset Since, bool Refreshing);
}
