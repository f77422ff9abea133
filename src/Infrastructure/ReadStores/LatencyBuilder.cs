using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Domain.Entities.Rollups;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>
/// Collects the latencies and times to first token of one group from raw rows and stored sketches: into a
/// <see cref="LatencySketch"/> for the rollup store, or every value kept for the raw store's exact reference.
/// The TTFT sum is exact either way (whole microseconds, as the rollups sum it).
/// </summary>
internal sealed class LatencyBuilder(bool exact)
{
    private readonly List<double> _latencies = [];
    private readonly List<double> _ttfts = [];
    private readonly LatencySketch _latencySketch = new();
    private readonly LatencySketch _ttftSketch = new();
    private long _ttftUsSum;

    public void AddRaw(double latencyMs, double? ttftMs)
    {
        if (exact)
        {
            _latencies.Add(latencyMs * 1000);
        }
        else
        {
            _latencySketch.Add(RollupMath.ToMicroseconds(latencyMs));
        }

        if (ttftMs is not double ttft)
        {
            return;
        }

        _ttftUsSum += RollupMath.ToMicroseconds(ttft);
        if (exact)
        {
            _ttfts.Add(ttft * 1000);
        }
        else
        {
            _ttftSketch.Add(RollupMath.ToMicroseconds(ttft));
        }
    }

    public void AddRolled(byte[] latencySketch, byte[] ttftSketch, long ttftUsSum)
    {
        _latencySketch.Merge(latencySketch);
        _ttftSketch.Merge(ttftSketch);
        _ttftUsSum += ttftUsSum;
    }

    /// <summary>Adds another builder's sketches and TTFT sum (sketch mode: the raw values are in its sketches too).</summary>
    public void AddRolled(LatencyBuilder other)
    {
        _latencySketch.Merge(other._latencySketch);
        _ttftSketch.Merge(other._ttftSketch);
        _ttftUsSum += other._ttftUsSum;
    }

    public ILatencyDistribution Latency => exact ? new ExactLatencies(_latencies) : _latencySketch;

    public LatencyBucket Build(DateTime bucketStart) =>
        new(bucketStart, Latency, exact ? new ExactLatencies(_ttfts) : _ttftSketch, _ttftUsSum);
}
