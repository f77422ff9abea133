namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>Every value of a set, sorted: the exact reference the sketches are held against.</summary>
public sealed class ExactLatencies(IEnumerable<double> microseconds) : ILatencyDistribution
{
    private readonly double[] _sorted = [.. microseconds.Order()];

    public long Count => _sorted.Length;

    public double? Percentile(double percent) => _sorted.Length == 0 ? null : _sorted[NearestRank.Of(percent, _sorted.Length) - 1];
}
