using System.Diagnostics.Metrics;

namespace CleanDashboard.Application.Common.Caching;

/// <summary>Counts cached-query reads and the computations behind them (meter <c>CleanDashboard.QueryCache</c>): their ratio is the hit rate.</summary>
public sealed class QueryCacheMetrics : IDisposable
{
    public const string MeterName = "CleanDashboard.QueryCache";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _reads;
    private readonly Counter<long> _computations;

    public QueryCacheMetrics()
    {
        _reads = _meter.CreateCounter<long>("cleandashboard.query_cache.reads", description: "Cached-query requests answered");
        _computations = _meter.CreateCounter<long>("cleandashboard.query_cache.computations", description: "Cached-query answers computed (cache misses)");
    }

    public void Read(string query) => _reads.Add(1, new KeyValuePair<string, object?>("query", query));

    public void Computed(string query) => _computations.Add(1, new KeyValuePair<string, object?>("query", query));

    public void Dispose() => _meter.Dispose();
}
