using CleanDashboard.Application.Dashboard.Queries.GetDashboard;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using static CleanDashboard.Infrastructure.IntegrationTests.ReadStores.DashboardDataSet;

namespace CleanDashboard.Infrastructure.IntegrationTests.ReadStores;

/// <summary>GetDashboardQueryHandler end to end: MediatR pipeline, the real read store, SQLite. See <see cref="DashboardDataSet"/> for the rows.</summary>
public sealed class DashboardReadStoreTests(DashboardDataSet data) : IClassFixture<DashboardDataSet>
{
    [Fact]
    public async Task GetDashboard_When24h_ShouldReportEveryHourlyBucketExactly()
    {
        var dashboard = await SendAsync("24h");

        dashboard.Range.Should().Be("24h");
        dashboard.GeneratedAt.Should().Be(Now);
        var hours = Enumerable.Range(0, 24).Select(i => From24h.AddHours(i)).ToList();
        dashboard.Requests.Select(p => p.Timestamp).Should().Equal(hours);
        dashboard.Costs.Select(p => p.Timestamp).Should().Equal(hours);
        dashboard.Latency.Select(p => p.Timestamp).Should().Equal(hours);

        // Index 0 = 02-29 11:00 (R1–R4), 12 = 02-29 23:00 (R5–R7), 13 = 03-01 00:00 (R8–R11), 23 = 03-01 10:00 (R12–R22).
        dashboard.Requests.Select(p => (p.Success, p.Error)).Should().Equal(Series(
            (0, (2L, 2L)),    // R1 R2 ok; R3 500, R4 401
            (12, (2L, 1L)),   // R5 R7 ok; R6 429
            (13, (2L, 2L)),   // R8 R9 ok; R10 400, R11 401
            (23, (9L, 2L)))); // R12, 7 singles, R22 ok; R13 500, R21 401
        dashboard.Costs.Select(p => p.Cost).Should().Equal(Series(
            (0, 0.0150m),     // 0.0100 + 0.0050
            (12, 0.1234m),    // R7 has no price
            (13, 0.0010m),    // 0.0006 + 0.0004
            (23, 0.0021m)));  // 0.0001 + 0.0020
        dashboard.Latency.Select(p => p.Latency).Should().Equal(Series(
            (0, 0.405),       // (1000 + 500 + 100 + 20) / 4 = 405 ms
            (12, 0.937),      // (2000 + 10 + 800) / 3 = 936.67 ms
            (13, 0.195),      // (300 + 400 + 50 + 30) / 4 = 195 ms
            (23, 0.183)));    // (100 + 200 + 7×100 + 10 + 1000) / 11 = 182.73 ms
    }

    [Fact]
    public async Task GetDashboard_When24h_ShouldSumTheSummaryFromRowsInsideTheWindowOnly()
    {
        var dashboard = await SendAsync("24h");

        WithoutSketches(dashboard.Summary).Should().BeEquivalentTo(new SummaryDto(
            TotalRequests: 22,             // 4 + 3 + 4 + 11; O1 and O2 are outside
            SuccessfulRequests: 15,        // 2 + 2 + 2 + 9
            AvgLatencyMs: 328.2,           // (1620 + 2810 + 780 + 2010) / 22 = 7220 / 22 = 328.18
            TotalCost: 0.1415m,            // 0.0150 + 0.1234 + 0.0010 + 0.0021
            TotalTokens: 660,              // 100 + 50 + 300 + 80 + 60 + 40 + 10 + 20
            AvgTokensPerRequest: 82.5,     // 660 / 8 rows with tokens (not / 22)
            AvgCostPerRequest: 0.020214m)  // 0.1415 / 7 rows with cost = 0.0202142… (not / 22), 6 decimals
        {
            UnpricedRequests = 1,           // R7: 80 tokens, no price (8 rows with tokens − 7 with cost)
            UnpricedModels = ["alpha"],
        }, o => o.WithStrictOrdering());

        // Sorted latencies: 10 10 20 30 50, 100 ×9 (R3 R12, 7 singles), 200 300 400 500 800 1000 1000 2000; no TTFT at all.
        ShouldBeTheSketchOf(dashboard.Summary.P50LatencyMs, 100);   // rank ⌈0.50 · 22⌉ = 11
        ShouldBeTheSketchOf(dashboard.Summary.P95LatencyMs, 1000);  // rank ⌈0.95 · 22⌉ = 21
        ShouldBeTheSketchOf(dashboard.Summary.P99LatencyMs, 2000);  // rank ⌈0.99 · 22⌉ = 22
        (dashboard.Summary.AvgTtftMs, dashboard.Summary.P50TtftMs, dashboard.Summary.P95TtftMs).Should().Be((null, null, null));
        dashboard.Requests.Sum(p => p.Success + p.Error).Should().Be(dashboard.Summary.TotalRequests);
        dashboard.Costs.Sum(p => p.Cost).Should().Be(dashboard.Summary.TotalCost);
    }

    [Fact]
    public async Task GetDashboard_When24h_ShouldListErrorCodesMostFrequentFirst()
    {
        var dashboard = await SendAsync("24h");

        // 401: R4 R11 R21; 500: R3 R13 (O2 is outside); 400: R10; 429: R6 — ties in code order.
        dashboard.ErrorsBreakdown.Should().Equal(
            new LabelValueDto("401", 3), new LabelValueDto("500", 2), new LabelValueDto("400", 1), new LabelValueDto("429", 1));
    }

    [Fact]
    public async Task GetDashboard_When24h_ShouldListTenModelsMostRequestsFirstTiesByNameWithoutBlankModels()
    {
        var dashboard = await SendAsync("24h");

        // 11 named models; the 4 blank-model rows (R4 R11 R21 R22) would tie llama3.2 if counted; single-g is the 11th.
        dashboard.TopModels.Should().Equal(
            new NamedCountDto("llama3.2", 4),
            new NamedCountDto("gpt-4o", 3),
            new NamedCountDto("alpha", 2),
            new NamedCountDto("beta", 2),
            new NamedCountDto("single-a", 1),
            new NamedCountDto("single-b", 1),
            new NamedCountDto("single-c", 1),
            new NamedCountDto("single-d", 1),
            new NamedCountDto("single-e", 1),
            new NamedCountDto("single-f", 1));
    }

    [Fact]
    public async Task GetDashboard_When24h_ShouldLabelCountriesWithNamesAndUnknownTiesByName()
    {
        var dashboard = await SendAsync("24h");

        // CA 7; US 4 (R1 R2 R9 R10) and blank 4 (R4 R11 R21 R22); FR, GB, JP 2 each; DE 1 (R3; O1 and O2 outside).
        dashboard.TopCountries.Should().Equal(
            new NamedCountDto("Canada (CA)", 7),
            new NamedCountDto("United States (US)", 4),
            new NamedCountDto("Unknown", 4),
            new NamedCountDto("France (FR)", 2),
            new NamedCountDto("Japan (JP)", 2),
            new NamedCountDto("United Kingdom (GB)", 2),
            new NamedCountDto("Germany (DE)", 1));
    }

    [Fact]
    public async Task GetDashboard_When24h_ShouldCountUsersAndSessionsStartedInTheWindow()
    {
        var dashboard = await SendAsync("24h");

        // alice, bob, carol have requests inside; dave only 1 s before and after.
        // Sessions at From (3 req, 0.0145), 23:10 (2, 0.1234), 23:59:59 (2, 0.0006), at To (2, 0.0001):
        // 0.1386 / 4 = 0.03465 (money keeps 6 decimals); 9 / 4 = 2.25.
        dashboard.Users.Should().Be(new UsersDto(ActiveUsers: 3, TotalSessions: 4, AvgSessionCost: 0.03465m, AvgSessionRequests: 2.25));
    }

    [Fact]
    public async Task GetDashboard_When24h_ShouldCountFeedbackCreatedInTheWindow()
    {
        var dashboard = await SendAsync("24h");

        // 5, 5, 5, 4, 4, 4, 4, 2 (the two 1-star rows are 1 s outside): 33 / 8 = 4.125 → 4.13.
        dashboard.Feedback.TotalFeedback.Should().Be(8);
        dashboard.Feedback.AvgRating.Should().Be(4.13);
        dashboard.Feedback.RatingDistribution.Should().Equal(new Dictionary<string, long> { ["5"] = 3, ["4"] = 4, ["3"] = 0, ["2"] = 1, ["1"] = 0 });
        dashboard.Feedback.RatingDistribution.Keys.Should().Equal("5", "4", "3", "2", "1");
    }

    [Fact]
    public async Task GetDashboard_When24h_ShouldCountThreatsCreatedInTheWindow()
    {
        var dashboard = await SendAsync("24h");

        // Inside: rate_limit medium open (at From), rate_limit high resolved, brute_force high open, scanner low resolved,
        // brute_force medium open, prompt_injection critical open (at To). The critical ones 1 s outside do not count.
        dashboard.Threats.Should().BeEquivalentTo(new ThreatsDto(
            TotalThreats: 6,
            UnresolvedThreats: 4,
            CriticalThreats: 1,
            HighThreats: 2,
            TopThreatTypes: [new("brute_force", 2), new("rate_limit", 2), new("prompt_injection", 1), new("scanner", 1)]),
            options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task GetDashboard_When7d_ShouldIncludeTheRowOneSecondBeforeThe24hWindow()
    {
        var dashboard = await SendAsync("7d");

        dashboard.Requests.Select(p => p.Timestamp).Should().Equal(
            Utc(2, 24, 0, 0, 0), Utc(2, 25, 0, 0, 0), Utc(2, 26, 0, 0, 0), Utc(2, 27, 0, 0, 0), Utc(2, 28, 0, 0, 0), Utc(2, 29, 0, 0, 0), Utc(3, 1, 0, 0, 0));
        dashboard.Requests.Select(p => (p.Success, p.Error)).Should().Equal(
            (0L, 0L), (0L, 0L), (0L, 0L), (0L, 0L), (0L, 0L),
            (5L, 3L),   // O1 R1 R2 R5 R7 ok; R3 R4 R6
            (11L, 4L)); // R8 R9 R12, 7 singles, R22 ok; R10 R11 R13 R21 (O2 is after now)
        dashboard.Costs.Select(p => p.Cost).Should().Equal(0m, 0m, 0m, 0m, 0m, 1.1384m, 0.0031m); // 1 + 0.0100 + 0.0050 + 0.1234; 0.0006 + 0.0004 + 0.0001 + 0.0020
        dashboard.Latency.Select(p => p.Latency).Should().Equal(0d, 0d, 0d, 0d, 0d, 1.179, 0.186); // 9430 / 8 = 1178.75 ms; 2790 / 15 = 186 ms
        dashboard.Latency.Take(5).Should().OnlyContain(p => p.P50 == null && p.P95 == null && p.P99 == null && p.Ttft == null); // empty days: gaps, not 0
        WithoutSketches(dashboard.Summary).Should().BeEquivalentTo(new SummaryDto(
            TotalRequests: 23,
            SuccessfulRequests: 16,
            AvgLatencyMs: 531.3,          // 12220 / 23 = 531.30
            TotalCost: 1.1415m,
            TotalTokens: 1660,
            AvgTokensPerRequest: 184.44,  // 1660 / 9 = 184.444
            AvgCostPerRequest: 0.142688m) // 1.1415 / 8 = 0.1426875 → 6 decimals, half away from zero
        {
            UnpricedRequests = 1,         // R7 again (9 rows with tokens − 8 with cost)
            UnpricedModels = ["alpha"],
        }, o => o.WithStrictOrdering());
        dashboard.TopModels.Take(2).Should().Equal(new NamedCountDto("gpt-4o", 4), new NamedCountDto("llama3.2", 4)); // O1 makes gpt-4o tie: by name
        dashboard.Users.Should().Be(new UsersDto(4, 5, 1.02772m, 3.8)); // dave active; 5.1386 / 5 = 1.02772 (6 decimals kept); 19 / 5
        dashboard.Feedback.TotalFeedback.Should().Be(9);
        dashboard.Feedback.AvgRating.Should().Be(3.78); // 34 / 9 = 3.777
        dashboard.Feedback.RatingDistribution["1"].Should().Be(1);
        dashboard.Threats.TotalThreats.Should().Be(7);
        dashboard.Threats.CriticalThreats.Should().Be(2);
        dashboard.Threats.TopThreatTypes.Select(t => (t.Type, t.Count)).Should().Equal(
            ("brute_force", 2L), ("prompt_injection", 2L), ("rate_limit", 2L), ("scanner", 1L));
    }

    [Fact]
    public async Task GetDashboard_WhenCustomWithOffsets_ShouldIncludeRowsExactlyAtStartAndEnd()
    {
        // 12:05+02:00 .. 12:30+02:00 = 10:05Z .. 10:30Z: R13 (at start), the 7 singles, R21 (at end); R12 at 10:00 is before.
        var dashboard = await SendAsync("custom", "2024-03-01T12:05:00+02:00", "2024-03-01T12:30:00+02:00");

        dashboard.Range.Should().Be("custom");
        dashboard.Requests.Should().Equal(new RequestPointDto(Utc(3, 1, 10, 0, 0), 7, 2));
        dashboard.Costs.Should().Equal(new CostPointDto(Utc(3, 1, 10, 0, 0), 0m));
        dashboard.Latency.Select(WithoutSketches).Should().Equal(new LatencyPointDto(Utc(3, 1, 10, 0, 0), 0.101)); // (200 + 700 + 10) / 9 = 101.1 ms
        // Sorted: 10, 100 ×7, 200: p50 rank 5, p95 and p99 rank 9.
        ShouldBeTheSketchOf(dashboard.Latency[0].P50 * 1000, 100);
        ShouldBeTheSketchOf(dashboard.Latency[0].P95 * 1000, 200);
        ShouldBeTheSketchOf(dashboard.Latency[0].P99 * 1000, 200);
        WithoutSketches(dashboard.Summary).Should().BeEquivalentTo(new SummaryDto(9, 7, 101.1, 0m, 0, 0, 0m), o => o.WithStrictOrdering()); // no tokens: none unpriced
        dashboard.ErrorsBreakdown.Should().Equal(new LabelValueDto("401", 1), new LabelValueDto("500", 1));
        dashboard.TopModels.Select(m => m.Name).Should().Equal("llama3.2", "single-a", "single-b", "single-c", "single-d", "single-e", "single-f", "single-g");
        dashboard.TopCountries.Should().Equal(new NamedCountDto("Canada (CA)", 7), new NamedCountDto("Japan (JP)", 1), new NamedCountDto("Unknown", 1));
        dashboard.Users.Should().Be(new UsersDto(1, 0, 0m, 0));
        dashboard.Feedback.TotalFeedback.Should().Be(0);
        dashboard.Threats.TotalThreats.Should().Be(0);
    }

    [Fact]
    public async Task GetDashboard_WhenCustomSpansMoreThan48Hours_ShouldUseDailyBucketsAcrossTheLeapDay()
    {
        var dashboard = await SendAsync("custom", "2024-02-28T00:00:00Z", "2024-03-01T10:37:12Z");

        dashboard.Requests.Should().Equal(
            new RequestPointDto(Utc(2, 28, 0, 0, 0), 0, 0),
            new RequestPointDto(Utc(2, 29, 0, 0, 0), 5, 3),
            new RequestPointDto(Utc(3, 1, 0, 0, 0), 11, 4));
    }

    [Fact]
    public async Task GetDashboard_WhenTheWindowHasNoRows_ShouldReturnZerosAndEveryBucket()
    {
        var dashboard = await SendAsync("custom", "2023-06-01T00:00:00Z", "2023-06-02T00:00:00Z");

        dashboard.Requests.Should().HaveCount(25).And.OnlyContain(p => p.Success == 0 && p.Error == 0);
        dashboard.Costs.Should().HaveCount(25).And.OnlyContain(p => p.Cost == 0m);
        dashboard.Latency.Should().HaveCount(25).And.OnlyContain(p => p.Latency == 0d);
        dashboard.ErrorsBreakdown.Should().BeEmpty();
        dashboard.TopModels.Should().BeEmpty();
        dashboard.TopCountries.Should().BeEmpty();
        dashboard.Summary.Should().BeEquivalentTo(new SummaryDto(0, 0, 0, 0m, 0, 0, 0m), o => o.WithStrictOrdering());
        dashboard.Users.Should().Be(new UsersDto(0, 0, 0m, 0));
        dashboard.Feedback.TotalFeedback.Should().Be(0);
        dashboard.Feedback.RatingDistribution.Should().Equal(new Dictionary<string, long> { ["5"] = 0, ["4"] = 0, ["3"] = 0, ["2"] = 0, ["1"] = 0 });
        dashboard.Threats.Should().BeEquivalentTo(new ThreatsDto(0, 0, 0, 0, []));
    }

    /// <summary>24 hourly values, zero except at the given indexes.</summary>
    /// <summary>Within the sketch's 0.5 % of the exact nearest-rank value (and the microsecond the contract rounds to).</summary>
    private static void ShouldBeTheSketchOf(double? reportedMs, double exactMs) =>
        reportedMs.Should().NotBeNull().And.BeApproximately(exactMs, (exactMs * Application.Dashboard.Common.LatencySketch.RelativeAccuracy) + 0.001);

    private static SummaryDto WithoutSketches(SummaryDto summary) => summary with { P50LatencyMs = null, P95LatencyMs = null, P99LatencyMs = null, P50TtftMs = null, P95TtftMs = null };

    private static LatencyPointDto WithoutSketches(LatencyPointDto point) => point with { P50 = null, P95 = null, P99 = null };

    private static T[] Series<T>(params (int Index, T Value)[] values)
        where T : struct
    {
        var series = new T[24];
        foreach (var (index, value) in values)
        {
            series[index] = value;
        }

        return series;
    }

    private async Task<DashboardDto> SendAsync(string range, string? start = null, string? end = null)
    {
        await using var scope = data.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetDashboardQuery(range, start, end), TestContext.Current.CancellationToken);
    }
}
