using System.Collections.Concurrent;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// Remembers, per API key, the last use whose time the writer stored in <c>api_keys.LastUsedAt</c>, so a key in
/// constant use costs one UPDATE a minute (per instance), not one per batch. Times are the requests' own.
/// </summary>
public sealed class ApiKeyUsageThrottle
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, DateTime> _written = new();

    /// <summary>The latest use of each key in the batch that is at least <see cref="Interval"/> after the last one written.</summary>
    public IReadOnlyList<ApiKeyUse> Due(IEnumerable<TrackedRequest> batch) =>
        batch.Where(e => e.ApiKeyId is not null)
            .GroupBy(e => e.ApiKeyId!.Value)
            .Select(g => new ApiKeyUse(g.Key, g.Max(e => e.CreatedAt)))
            .Where(use => !_written.TryGetValue(use.ApiKeyId, out var last) || use.UsedAt - last >= Interval)
            .ToList();

    /// <summary>Called once the uses are committed; a failed batch is retried and finds them due again.</summary>
    public void Written(IEnumerable<ApiKeyUse> uses)
    {
        foreach (var use in uses)
        {
            _written[use.ApiKeyId] = use.UsedAt;
        }
    }
}

public readonly record struct ApiKeyUse(int ApiKeyId, DateTime UsedAt);
