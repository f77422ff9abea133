using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Dashboard.Queries.GetDashboard;

namespace CleanDashboard.Application.UnitTests.Dashboard.Queries.GetDashboard;

public sealed class DashboardSeriesTests
{
    private static readonly DateTime H0 = new(2024, 2, 29, 23, 0, 0, DateTimeKind.Utc);

    // Custom 23:00 Feb 29 .. 03:00 Mar 1: hourly buckets 23, 00, 01, 02, 03.
    private static readonly DashboardWindow Window = DashboardWindow.ForCustom(H0, H0.AddHours(4));

    [Fact]
    public void Fill_WhenSomeBucketsHaveNoRows_ShouldListEveryBucketWithZeros()
    {
        var totals = new[]
        {
            new RequestBucketTotals(H0.AddHours(1), 3, 1, 3_000_000, 400, 3, 0.0300m, 2),
            new RequestBucketTotals(H0.AddHours(3), 0, 2, 125_000, 0, 0, 0m, 0),
        };

        var series = DashboardSeries.Fill(Window, totals);

        series.Requests.Should().Equal(
            new RequestPointDto(H0, 0, 0),
            new RequestPointDto(H0.AddHours(1), 3, 1),
            new RequestPointDto(H0.AddHours(2), 0, 0),
            new RequestPointDto(H0.AddHours(3), 0, 2),
            new RequestPointDto(H0.AddHours(4), 0, 0));
        series.Costs.Should().Equal(
            new CostPointDto(H0, 0m),
            new CostPointDto(H0.AddHours(1), 0.03m),
            new CostPointDto(H0.AddHours(2), 0m),
            new CostPointDto(H0.AddHours(3), 0m),
            new CostPointDto(H0.AddHours(4), 0m));

        // 3000 ms over 3 + 1 rows = 750 ms = 0.75 s; 125 ms over 2 rows = 62.5 ms = 0.0625 s → 0.063 (half away from zero).
        series.Latency.Should().Equal(
            new LatencyPointDto(H0, 0d),
            new LatencyPointDto(H0.AddHours(1), 0.75),
            new LatencyPointDto(H0.AddHours(2), 0d),
            new LatencyPointDto(H0.AddHours(3), 0.063),
            new LatencyPointDto(H0.AddHours(4), 0d));
    }

    [Fact]
    public void Fill_WhenThereAreNoRows_ShouldStillListEveryBucket()
    {
        var series = DashboardSeries.Fill(Window, []);

        series.Requests.Select(p => p.Timestamp).Should().Equal(Window.Buckets);
        series.Costs.Select(p => p.Timestamp).Should().Equal(Window.Buckets);
        series.Latency.Select(p => p.Timestamp).Should().Equal(Window.Buckets);
        series.Requests.Should().OnlyContain(p => p.Success == 0 && p.Error == 0);
        series.Costs.Should().OnlyContain(p => p.Cost == 0m);
        series.Latency.Should().OnlyContain(p => p.Latency == 0d);
    }

    [Fact]
    public void Fill_WhenCostHasFourDecimals_ShouldKeepThemAndDropTrailingZeros()
    {
        var totals = new[] { new RequestBucketTotals(H0, 2, 0, 10_000, 0, 0, 0.12340m, 2) };

        var cost = DashboardSeries.Fill(Window, totals).Costs[0].Cost;

        cost.Should().Be(0.1234m);
        cost.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("0.1234");
    }

    [Fact]
    public void Fill_WhenCostHasMoreThanSixDecimals_ShouldRoundHalfAwayFromZero()
    {
        var totals = new[] { new RequestBucketTotals(H0, 2, 0, 10_000, 0, 0, 0.0000125m, 2) };

        DashboardSeries.Fill(Window, totals).Costs[0].Cost.Should().Be(0.000013m);
    }

    [Fact]
    public void Fill_WhenSubMicrodollarCostsWouldRoundAwayPerBucket_ShouldStillSumToTheRoundedSummary()
    {
        // Five buckets of $0.0000004 each: rounded one by one they would all be 0, but together they are $0.000002.
        var totals = Enumerable.Range(0, 5).Select(h => new RequestBucketTotals(H0.AddHours(h), 1, 0, 1_000, 7, 1, 0.0000004m, 1)).ToArray();

        var series = DashboardSeries.Fill(Window, totals);
        var summary = DashboardFigures.Summary(totals, []);

        summary.TotalCost.Should().Be(0.000002m);
        series.Costs.Select(p => p.Cost).Should().Equal(0m, 0.000001m, 0m, 0.000001m, 0m); // running totals 0.4, 0.8, 1.2, 1.6, 2.0 µ$ rounded: 0, 1, 1, 2, 2
        series.Costs.Sum(p => p.Cost).Should().Be(summary.TotalCost);
    }

    [Fact]
    public void Fill_WhenDailyTotalsAreKeyedByTheirDay_ShouldPlaceThemInTheirDailyBucket()
    {
        var daily = DashboardWindow.ForPreset("7d", new DateTime(2024, 3, 1, 10, 37, 12, DateTimeKind.Utc));
        var totals = new[]
        {
            new RequestBucketTotals(new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc), 5, 1, 600_000, 0, 0, 1.5m, 3),
            new RequestBucketTotals(new DateTime(2024, 2, 24, 0, 0, 0, DateTimeKind.Utc), 1, 0, 100_000, 0, 0, 0m, 0),
        };

        var series = DashboardSeries.Fill(daily, totals);

        series.Requests.Select(p => (p.Success, p.Error)).Should().Equal((1L, 0L), (0L, 0L), (0L, 0L), (0L, 0L), (0L, 0L), (5L, 1L), (0L, 0L));
        series.Costs[5].Cost.Should().Be(1.5m);
        series.Latency[5].Latency.Should().Be(0.1); // 600 ms / 6 = 100 ms
    }

    [Fact]
    public void Fill_WhenSummedOverTheBuckets_ShouldEqualTheSummary()
    {
        var totals = new[]
        {
            new RequestBucketTotals(H0, 2, 2, 1_620_000, 150, 2, 0.0150m, 2),
            new RequestBucketTotals(H0.AddHours(2), 2, 1, 2_810_000, 380, 2, 0.1234m, 1),
            new RequestBucketTotals(H0.AddHours(4), 9, 2, 2_010_000, 30, 2, 0.0021m, 2),
        };

        var series = DashboardSeries.Fill(Window, totals);
        var summary = DashboardFigures.Summary(totals, []);

        series.Requests.Sum(p => p.Success + p.Error).Should().Be(summary.TotalRequests).And.Be(18);
        series.Requests.Sum(p => p.Success).Should().Be(summary.SuccessfulRequests).And.Be(13);
        series.Costs.Sum(p => p.Cost).Should().Be(summary.TotalCost).And.Be(0.1405m);
    }
}
