using System.Diagnostics.Metrics;

namespace CleanDashboard.Application.Telemetry.Metrics;

/// <summary><c>cleandashboard.cache.requests</c>: cached queries (the dashboard) answered from the cache (<c>hit</c>) or by their handler (<c>miss</c>).</summary>
public sealed class CacheMetrics
{
    private readonly Counter<long> _requests;

    public CacheMetrics(IMeterFactory meters)
    {
        _requests = meters.Create(TelemetryNames.Meter).CreateCounter<long>("cleandashboard.cache.requests", "{request}", "Cached queries by outcome.");
    }

    public void Record(string query, bool hit) =>
        _requests.Add(1, new KeyValuePair<string, object?>("query", query), new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
}
