using System.Net;
using System.Text.Json;

namespace CleanDashboard.WebApi.IntegrationTests.Contract;

/// <summary>Exact figures over HTTP for the rows of <see cref="SeededDashboardFactory"/>.</summary>
public sealed class DashboardNumbersTests(SeededDashboardFactory factory) : IClassFixture<SeededDashboardFactory>
{
    [Fact]
    public async Task GetDashboard_When24h_ShouldAnswerTheHandComputedSummary()
    {
        var summary = (await GetAsync()).GetProperty("summary");

        summary.GetProperty("totalRequests").GetInt64().Should().Be(4);         // the 10:59:59 row is outside
        summary.GetProperty("successfulRequests").GetInt64().Should().Be(3);
        summary.GetProperty("avgLatencyMs").GetDouble().Should().Be(750);       // (1200 + 300 + 600 + 900) / 4
        summary.GetProperty("totalCost").GetRawText().Should().Be("0.265");     // 0.0150 + 0.2500, no trailing zeros
        summary.GetProperty("totalTokens").GetInt64().Should().Be(300);         // 150 + 50 + 100
        summary.GetProperty("avgTokensPerRequest").GetDouble().Should().Be(100); // 300 / 3 rows with tokens
        summary.GetProperty("avgCostPerRequest").GetDecimal().Should().Be(0.1325m); // 0.265 / 2 rows with cost
        summary.GetProperty("unpricedRequests").GetInt64().Should().Be(1);      // my-model: 100 tokens, no price; the failed gpt-4o call is not unpriced
        summary.GetProperty("unpricedModels").EnumerateArray().Select(m => m.GetString()).Should().Equal("my-model");
    }

    [Fact]
    public async Task GetDashboard_When24h_ShouldAnswerTheHandComputedBuckets()
    {
        var dashboard = await GetAsync();

        var requests = dashboard.GetProperty("requests").EnumerateArray().ToList();
        requests.Should().HaveCount(24);
        requests[0].GetProperty("timestamp").GetString().Should().Be("2024-02-29T11:00:00Z");
        var nine = requests.Single(p => p.GetProperty("timestamp").GetString() == "2024-03-01T09:00:00Z");
        (nine.GetProperty("success").GetInt64(), nine.GetProperty("error").GetInt64()).Should().Be((1L, 1L));
        var ten = requests[^1];
        ten.GetProperty("timestamp").GetString().Should().Be("2024-03-01T10:00:00Z");
        (ten.GetProperty("success").GetInt64(), ten.GetProperty("error").GetInt64()).Should().Be((2L, 0L));

        var costs = dashboard.GetProperty("costs").EnumerateArray().ToList();
        costs[22].GetProperty("cost").GetDecimal().Should().Be(0.015m);
        costs[23].GetProperty("cost").GetDecimal().Should().Be(0.25m);
        var latency = dashboard.GetProperty("latency").EnumerateArray().ToList();
        latency[22].GetProperty("latency").GetDouble().Should().Be(0.75);      // (1200 + 300) / 2 ms
        latency[23].GetProperty("latency").GetDouble().Should().Be(0.75);      // (600 + 900) / 2 ms
    }

    [Fact]
    public async Task GetDashboard_When24h_ShouldHaveSeriesThatAddUpToTheSummary()
    {
        var dashboard = await GetAsync();
        var summary = dashboard.GetProperty("summary");

        dashboard.GetProperty("requests").EnumerateArray().Sum(p => p.GetProperty("success").GetInt64() + p.GetProperty("error").GetInt64())
            .Should().Be(summary.GetProperty("totalRequests").GetInt64());
        dashboard.GetProperty("requests").EnumerateArray().Sum(p => p.GetProperty("success").GetInt64())
            .Should().Be(summary.GetProperty("successfulRequests").GetInt64());
        dashboard.GetProperty("costs").EnumerateArray().Sum(p => p.GetProperty("cost").GetDecimal())
            .Should().Be(summary.GetProperty("totalCost").GetDecimal());
    }

    [Fact]
    public async Task GetDashboard_When24h_ShouldAnswerTheListsAndBlocks()
    {
        var dashboard = await GetAsync();

        Pairs(dashboard.GetProperty("errorsBreakdown"), "label", "value").Should().Equal(("500", 1L));
        Pairs(dashboard.GetProperty("topModels"), "name", "requests").Should().Equal(("gpt-4o", 2L), ("llama3.2", 1L), ("my-model", 1L));
        Pairs(dashboard.GetProperty("topCountries"), "name", "requests").Should().Equal(("United States (US)", 2L), ("Germany (DE)", 1L), ("Unknown", 1L));
        var users = dashboard.GetProperty("users");
        (users.GetProperty("activeUsers").GetInt64(), users.GetProperty("totalSessions").GetInt64()).Should().Be((1L, 1L));
        users.GetProperty("avgSessionCost").GetDecimal().Should().Be(0.015m);
        users.GetProperty("avgSessionRequests").GetDouble().Should().Be(2);
        var feedback = dashboard.GetProperty("feedback");
        feedback.GetProperty("totalFeedback").GetInt64().Should().Be(1);
        feedback.GetProperty("avgRating").GetDouble().Should().Be(4);
        feedback.GetProperty("ratingDistribution").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64()))
            .Should().Equal(("5", 0L), ("4", 1L), ("3", 0L), ("2", 0L), ("1", 0L));
        var threats = dashboard.GetProperty("threats");
        (threats.GetProperty("totalThreats").GetInt64(), threats.GetProperty("unresolvedThreats").GetInt64(),
            threats.GetProperty("criticalThreats").GetInt64(), threats.GetProperty("highThreats").GetInt64()).Should().Be((1L, 1L, 0L, 1L));
        Pairs(threats.GetProperty("topThreatTypes"), "type", "count").Should().Equal(("rate_limit", 1L));
    }

    private static List<(string, long)> Pairs(JsonElement array, string name, string count) =>
        [.. array.EnumerateArray().Select(e => (e.GetProperty(name).GetString()!, e.GetProperty(count).GetInt64()))];

    private async Task<JsonElement> GetAsync()
    {
        var response = await factory.ClientWithKey(DashboardApiFactory.AdminKey).GetAsync("/api/dashboard/?range=24h", TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }
}
