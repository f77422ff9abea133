using CleanDashboard.Application.Dashboard.Common;

namespace CleanDashboard.Application.UnitTests.Dashboard.Common;

public sealed class LatencySketchTests
{
    /// <summary>γ = 1.005 / 0.995: bucket i holds (γ^(i−1), γ^i] and reports 2γ^i / (γ + 1).</summary>
    private static readonly double Gamma = 1.005 / 0.995;

    [Fact]
    public void Percentile_WhenEmpty_ShouldBeNull()
    {
        var sketch = new LatencySketch();

        sketch.Percentile(50).Should().BeNull();
        sketch.Count.Should().Be(0);
    }

    [Fact]
    public void Percentile_WhenOneValue_ShouldReportItsBucketsMiddle()
    {
        // 1000 µs: ln 1000 / ln γ = 690.77…, so bucket 691, reported as 2γ^691 / (γ + 1).
        var sketch = LatencySketch.Of([1000]);

        sketch.Percentile(50).Should().BeApproximately(2 * Math.Pow(Gamma, 691) / (Gamma + 1), 1e-9);
        sketch.Percentile(50).Should().BeApproximately(1000, 5); // within 0.5 %
    }

    [Fact]
    public void Percentile_WhenValuesAreGiven_ShouldTakeTheNearestRank()
    {
        // Ranks ⌈p/100 · 10⌉: p10 → 1st (100 µs), p50 → 5th (500), p55 → 6th (600), p95 and p100 → 10th (10,000).
        var sketch = LatencySketch.Of([900, 100, 300, 200, 500, 400, 600, 700, 800, 10_000]);

        sketch.Percentile(10).Should().BeApproximately(100, 0.5);
        sketch.Percentile(50).Should().BeApproximately(500, 2.5);
        sketch.Percentile(55).Should().BeApproximately(600, 3);
        sketch.Percentile(95).Should().BeApproximately(10_000, 50);
        sketch.Percentile(100).Should().BeApproximately(10_000, 50);
    }

    [Fact]
    public void Percentile_WhenValuesAreZero_ShouldReportZeroExactly()
    {
        // Two zeros of four: ranks 1 and 2 are 0 exactly; rank 3 (p75) is 7 µs.
        var sketch = LatencySketch.Of([0, 7, 0, 9]);

        sketch.Percentile(50).Should().Be(0);
        sketch.Percentile(75).Should().BeApproximately(7, 0.035);
        sketch.Count.Should().Be(4);
    }

    [Fact]
    public void Percentile_WhenValuesSpanMicrosecondsToMinutes_ShouldStayWithinHalfAPercentOfEveryValue()
    {
        foreach (var value in new long[] { 1, 2, 3, 99, 100, 101, 12_345, 999_999, 600_000_000 })
        {
            LatencySketch.Of([value]).Percentile(50).Should().BeApproximately(value, value * LatencySketch.RelativeAccuracy, $"{value} µs");
        }
    }

    [Fact]
    public void Merge_WhenTwoSketchesAreMerged_ShouldEqualTheSketchOfAllTheirValues()
    {
        var left = LatencySketch.Of([5, 50, 500, 0]);
        var right = LatencySketch.Of([5_000, 50, 1]);

        left.Merge(right);

        left.ToBytes().Should().Equal(LatencySketch.Of([5, 50, 500, 0, 5_000, 50, 1]).ToBytes());
        left.Count.Should().Be(7);
        left.Percentile(50).Should().BeApproximately(50, 0.25); // sorted 0 1 5 50 50 500 5000: rank 4
    }

    [Fact]
    public void FromBytes_WhenRoundTripped_ShouldKeepEveryCount()
    {
        var sketch = LatencySketch.Of([0, 0, 1, 250, 250, 251, 1_000_000]);

        var copy = LatencySketch.FromBytes(sketch.ToBytes());

        copy.ToBytes().Should().Equal(sketch.ToBytes());
        copy.Count.Should().Be(7);
        copy.Percentile(100).Should().Be(sketch.Percentile(100));
        LatencySketch.FromBytes([]).Count.Should().Be(0);
    }

    [Fact]
    public void ToBytes_WhenValuesShareBuckets_ShouldWriteOneVarintPairPerBucket()
    {
        // Zero count 1, two buckets: 1 µs is bucket 0, 2 µs bucket 70 (ln 2 / ln γ = 69.3…), counts 2 and 1.
        var sketch = LatencySketch.Of([0, 1, 1, 2]);

        // Index deltas zig-zagged: 0 → 0, 70 → 140, which takes two varint bytes (0x8C 0x01).
        sketch.ToBytes().Should().Equal(1, 2, 0, 2, 0x8C, 0x01, 1);
    }

    [Fact]
    public void Merge_WhenGivenSerializedSketchesGrowingToBothSides_ShouldEqualTheSketchOfAllTheirValues()
    {
        // Descending values grow the dense bins to the left, ascending ones to the right; 0 has its own count.
        long[] descending = [60_000_000, 2_000_000, 15_000, 900, 1];
        long[] ascending = [0, 3, 250_000, 120_000_000];
        var merged = new LatencySketch();
        foreach (var part in new[] { descending, ascending })
        {
            var sketch = new LatencySketch();
            foreach (var value in part)
            {
                sketch.Add(value);
            }

            LatencySketch.CountOf(sketch.ToBytes()).Should().Be(part.Length);
            merged.Merge(sketch.ToBytes());
        }

        var all = LatencySketch.Of([.. descending, .. ascending]);
        merged.Count.Should().Be(9);
        merged.ToBytes().Should().Equal(all.ToBytes());
        foreach (var percent in new[] { 1.0, 20, 50, 80, 100 })
        {
            merged.Percentile(percent).Should().Be(all.Percentile(percent));
        }

        merged.Percentile(1).Should().Be(0);
        merged.Percentile(100).Should().BeApproximately(120_000_000, 120_000_000 * LatencySketch.RelativeAccuracy);
    }

    [Fact]
    public void MergeBytes_WhenBinsOverlap_ShouldAddTheirCountsAndKeepTheOthersInOrder()
    {
        // γ = 1.005 / 0.995: 1 µs is bin 0, 3 µs bin ⌈ln 3 / ln γ⌉ = ⌈109.86⌉ = 110 (zigzag 220 = varint 0xDC 0x01).
        byte[] stored = [1, 2, 0, 1, 0xDC, 0x01, 1];     // 0 once; bin 0 once, bin 110 once
        byte[] added = [0, 1, 0, 2];                       // bin 0 twice

        LatencySketch.MergeBytes(stored, added).Should().Equal(1, 2, 0, 3, 0xDC, 0x01, 1);
        LatencySketch.MergeBytes(added, stored).Should().Equal(1, 2, 0, 3, 0xDC, 0x01, 1);
        LatencySketch.Of([0, 1, 3]).ToBytes().Should().Equal(stored);
    }

    [Fact]
    public void MergeBytes_WhenEitherSideIsEmptyOrHoldsOnlyZeros_ShouldKeepTheOther()
    {
        byte[] ones = [0, 1, 0, 2];

        LatencySketch.MergeBytes([], ones).Should().Equal(ones);
        LatencySketch.MergeBytes(ones, []).Should().Equal(ones);
        LatencySketch.MergeBytes([], []).Should().BeEmpty();
        LatencySketch.MergeBytes([3, 0], ones).Should().Equal(3, 1, 0, 2);
        LatencySketch.MergeBytes([3, 0], [2, 0]).Should().Equal(5, 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MergeBytes_ForRandomSketches_ShouldWriteTheBytesOfMergingThemBuilt(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var (a, b) = (RandomSketch(random), RandomSketch(random));
            var built = LatencySketch.FromBytes(a);
            built.Merge(b);

            LatencySketch.MergeBytes(a, b).Should().Equal(built.ToBytes());
        }
    }

    /// <summary>0 to 40 values from 0 to 10 minutes, clustered or spread, so bins coincide, interleave and lie far apart.</summary>
    private static byte[] RandomSketch(Random random)
    {
        var sketch = new LatencySketch();
        var spread = random.Next(2) == 0 ? 1_000 : 600_000_000;
        for (var i = random.Next(41); i > 0; i--)
        {
            sketch.Add(random.Next(10) == 0 ? 0 : random.NextInt64(spread));
        }

        return sketch.ToBytes();
    }

    [Fact]
    public void ExactLatencies_WhenAsked_ShouldTakeTheNearestRankOfTheSortedValues()
    {
        var exact = new ExactLatencies([30, 10, 20, 40]);

        (exact.Percentile(25), exact.Percentile(26), exact.Percentile(50), exact.Percentile(100)).Should().Be((10, 20, 20, 40));
        new ExactLatencies([]).Percentile(50).Should().BeNull();
    }
}
