namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>Latencies (or times to first token) of a set of requests, in microseconds, as far as percentiles need them.</summary>
public interface ILatencyDistribution
{
    long Count { get; }

    /// <summary>The nearest-rank percentile (the value at rank ⌈p/100 · n⌉), or null when the set is empty.</summary>
    double? Percentile(double percent);
}

/// <summary>Nearest-rank ranks, shared by the exact and the sketched distribution.</summary>
public static class NearestRank
{
    /// <summary>The 1-based rank of percentile <paramref name="percent"/> among <paramref name="count"/> values.</summary>
    public static long Of(double percent, long count) => Math.Clamp((long)Math.Ceiling(percent / 100d * count), 1, count);
}
