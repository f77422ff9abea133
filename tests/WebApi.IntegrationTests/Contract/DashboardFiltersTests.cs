using System.Net;
using System.Text.Json;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.WebApi.IntegrationTests.Contract;

/// <summary>
/// Issue 13's figures over HTTP, computed by hand from the rows of <see cref="SeededDashboardFactory"/> (24h window
/// [02-29 11:00Z, 03-01 10:37:12Z]): in it the member's key sent 09:15 (200, 1200 ms, TTFT 300 ms, llama3.2, 150 tokens,
/// $0.015, US) and 09:45 (500, 300 ms, gpt-4o, DE); without a user came 10:05 (200, 600 ms, TTFT 150 ms, gpt-4o, 50 tokens,
/// $0.25) and 10:20 (200, 900 ms, my-model, 100 tokens, unpriced, US); all on /v1/chat/completions. Just before it, at
/// 02-29 10:59:59, the member's key sent one more (200, 100 ms, llama3.2, 10 tokens, $9).
/// </summary>
public sealed class DashboardFiltersTests(SeededDashboardFactory factory) : IClassFixture<SeededDashboardFactory>
{
    [Fact]
    public async Task GetDashboard_WhenUnfiltered_ShouldAnswerPercentilesTtftTopListsAndThePreviousPeriod()
    {
        var dashboard = await GetAsync("/api/dashboard/?range=24h");

        var summary = dashboard.GetProperty("summary");
        ShouldBeTheSketchOf(summary.GetProperty("p50LatencyMs"), 600);   // sorted 300 600 900 1200: rank 2
        ShouldBeTheSketchOf(summary.GetProperty("p95LatencyMs"), 1200);  // rank ⌈3.8⌉ = 4
        ShouldBeTheSketchOf(summary.GetProperty("p99LatencyMs"), 1200);
        summary.GetProperty("avgTtftMs").GetDouble().Should().Be(225);   // (300 + 150) / 2, only the rows with a TTFT
        ShouldBeTheSketchOf(summary.GetProperty("p50TtftMs"), 150);
        ShouldBeTheSketchOf(summary.GetProperty("p95TtftMs"), 300);
        var member = await MemberAsync();
        dashboard.GetProperty("topUsers").GetRawText().Should().Be(
            $$"""[{"id":{{member.UserId}},"name":"member-1","requests":2,"tokens":150,"cost":0.015}]""");
        dashboard.GetProperty("topApiKeys").GetRawText().Should().Be(
            $$"""[{"id":{{member.KeyId}},"name":"tests","userName":"member-1","requests":2,"tokens":150,"cost":0.015}]""");
        var endpoint = dashboard.GetProperty("topEndpoints").EnumerateArray().Single();
        (endpoint.GetProperty("name").GetString(), endpoint.GetProperty("requests").GetInt64(), endpoint.GetProperty("errors").GetInt64()).Should().Be(("/v1/chat/completions", 4L, 1L));
        ShouldBeTheSketchOf(endpoint.GetProperty("p95LatencyMs"), 1200);
        var previous = dashboard.GetProperty("previous");
        previous.GetProperty("totalRequests").GetInt64().Should().Be(1);  // [02-28 11:22:48Z, 02-29 11:00Z): the 10:59:59 row only
        previous.GetProperty("successfulRequests").GetInt64().Should().Be(1);
        previous.GetProperty("totalCost").GetDecimal().Should().Be(9m);
        previous.GetProperty("totalTokens").GetInt64().Should().Be(10);
        previous.GetProperty("avgLatencyMs").GetDouble().Should().Be(100);
        ShouldBeTheSketchOf(previous.GetProperty("p95LatencyMs"), 100);
        previous.GetProperty("activeUsers").GetInt64().Should().Be(1);
        dashboard.GetProperty("timeZone").GetString().Should().Be("UTC");
        dashboard.GetProperty("filters").GetRawText().Should().Be("""{"model":null,"userId":null,"apiKeyId":null,"endpoint":null,"source":null,"notApplied":["threats"]}""");
        var nine = dashboard.GetProperty("latency").EnumerateArray().Single(p => p.GetProperty("timestamp").GetString() == "2024-03-01T09:00:00Z");
        nine.GetProperty("ttft").GetDouble().Should().Be(0.3);            // 09:15's 300 ms; 09:45 has none
        var empty = dashboard.GetProperty("latency")[0];
        (empty.GetProperty("p50").ValueKind, empty.GetProperty("ttft").ValueKind).Should().Be((JsonValueKind.Null, JsonValueKind.Null));
    }

    [Fact]
    public async Task GetDashboard_WhenFilteredByTheMembersKey_ShouldCountOnlyItsRequestsAndItsUsersSessions()
    {
        var member = await MemberAsync();

        var dashboard = await GetAsync($"/api/dashboard/?range=24h&apiKeyId={member.KeyId}");

        var summary = dashboard.GetProperty("summary");
        summary.GetProperty("totalRequests").GetInt64().Should().Be(2);
        summary.GetProperty("successfulRequests").GetInt64().Should().Be(1);
        summary.GetProperty("avgLatencyMs").GetDouble().Should().Be(750);      // (1200 + 300) / 2
        summary.GetProperty("totalCost").GetDecimal().Should().Be(0.015m);
        summary.GetProperty("totalTokens").GetInt64().Should().Be(150);
        summary.GetProperty("unpricedRequests").GetInt64().Should().Be(0);
        ShouldBeTheSketchOf(summary.GetProperty("p50LatencyMs"), 300);        // rank 1 of 300 1200
        summary.GetProperty("avgTtftMs").GetDouble().Should().Be(300);
        Pairs(dashboard.GetProperty("errorsBreakdown"), "label", "value").Should().Equal(("500", 1L));
        Pairs(dashboard.GetProperty("topModels"), "name", "requests").Should().Equal(("gpt-4o", 1L), ("llama3.2", 1L));
        Pairs(dashboard.GetProperty("topCountries"), "name", "requests").Should().Equal(("Germany (DE)", 1L), ("United States (US)", 1L));
        dashboard.GetProperty("users").GetRawText().Should().Be("""{"activeUsers":1,"totalSessions":1,"avgSessionCost":0.015,"avgSessionRequests":2}""");
        dashboard.GetProperty("feedback").GetProperty("totalFeedback").GetInt64().Should().Be(1);  // the 4-star rating of 09:15
        dashboard.GetProperty("threats").GetProperty("totalThreats").GetInt64().Should().Be(1);    // not filtered
        dashboard.GetProperty("previous").GetProperty("totalCost").GetDecimal().Should().Be(9m);
        dashboard.GetProperty("filters").GetRawText().Should().Be($$"""{"model":null,"userId":null,"apiKeyId":{{member.KeyId}},"endpoint":null,"source":null,"notApplied":["threats"]}""");
    }

    [Fact]
    public async Task GetDashboard_WhenFilteredByModelAndEndpoint_ShouldCombineThemAndSaySessionsAreNotFiltered()
    {
        var dashboard = await GetAsync("/api/dashboard/?range=24h&model=gpt-4o&endpoint=/v1/chat/completions");

        var summary = dashboard.GetProperty("summary");
        (summary.GetProperty("totalRequests").GetInt64(), summary.GetProperty("successfulRequests").GetInt64()).Should().Be((2L, 1L)); // 09:45 and 10:05
        summary.GetProperty("totalCost").GetDecimal().Should().Be(0.25m);
        summary.GetProperty("totalTokens").GetInt64().Should().Be(50);
        var member = await MemberAsync();
        dashboard.GetProperty("topUsers").GetRawText().Should().Be($$"""[{"id":{{member.UserId}},"name":"member-1","requests":1,"tokens":0,"cost":0}]""");
        dashboard.GetProperty("users").GetProperty("activeUsers").GetInt64().Should().Be(1);
        dashboard.GetProperty("users").GetProperty("totalSessions").GetInt64().Should().Be(1);    // sessions follow the user filter only
        dashboard.GetProperty("feedback").GetProperty("totalFeedback").GetInt64().Should().Be(0); // the rated request is llama3.2
        dashboard.GetProperty("filters").GetRawText().Should().Be("""{"model":"gpt-4o","userId":null,"apiKeyId":null,"endpoint":"/v1/chat/completions","source":null,"notApplied":["threats","sessions"]}""");
    }

    [Fact]
    public async Task GetDashboard_WhenTzIsKolkata_ShouldBucketByIndianLocalDaysEndingWithTheLocalToday()
    {
        // Now is 16:07:12 in Kolkata (UTC+5:30) on 03-01: seven local days, each starting at 18:30Z the day before.
        var dashboard = await GetAsync("/api/dashboard/?range=7d&tz=Asia/Kolkata");

        var requests = dashboard.GetProperty("requests").EnumerateArray().ToList();
        requests.Select(p => p.GetProperty("timestamp").GetString()).Should().Equal(
            "2024-02-23T18:30:00Z", "2024-02-24T18:30:00Z", "2024-02-25T18:30:00Z", "2024-02-26T18:30:00Z", "2024-02-27T18:30:00Z", "2024-02-28T18:30:00Z", "2024-02-29T18:30:00Z");
        requests.Select(p => (p.GetProperty("success").GetInt64(), p.GetProperty("error").GetInt64())).Should().Equal(
            (0L, 0L), (0L, 0L), (0L, 0L), (0L, 0L), (0L, 0L), (1L, 0L), (3L, 1L)); // 10:59:59Z is 16:29 on 02-29 there
        dashboard.GetProperty("timeZone").GetString().Should().Be("Asia/Kolkata");
    }

    [Theory]
    [InlineData("tz=Mars%2FBase", "tz")]
    [InlineData("tz=Eastern%20Standard%20Time", "tz")]
    [InlineData("tz=..%2F..%2Fetc%2Fpasswd", "tz")]
    [InlineData("userId=0", "userId")]
    [InlineData("userId=-3", "userId")]
    [InlineData("userId=abc", "userId")]
    [InlineData("apiKeyId=1.5", "apiKeyId")]
    [InlineData("apiKeyId=99999999999", "apiKeyId")]
    [InlineData("model=gpt%00x", "model")]
    [InlineData("endpoint=%2Fv1%0A", "endpoint")]
    public async Task GetDashboard_WhenAFilterOrZoneIsInvalid_ShouldAnswer400NamingTheField(string parameter, string field)
    {
        var response = await factory.ClientWithKey(DashboardApiFactory.AdminKey).GetAsync($"/api/dashboard/?range=24h&{parameter}", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(field);
    }

    [Fact]
    public async Task GetDashboard_WhenAnEndpointIsLongerThanStored_ShouldAnswer400NamingTheEndpoint()
    {
        var response = await factory.ClientWithKey(DashboardApiFactory.AdminKey).GetAsync($"/api/dashboard/?endpoint=/{new string('a', 64)}", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("endpoint");
    }

    /// <summary>Within the sketch's 0.5 % of the exact nearest-rank value, and the microsecond the contract rounds to.</summary>
    private static void ShouldBeTheSketchOf(JsonElement reported, double exactMs) =>
        reported.GetDouble().Should().BeApproximately(exactMs, (exactMs * 0.005) + 0.001);

    private static List<(string, long)> Pairs(JsonElement array, string label, string value) =>
        array.EnumerateArray().Select(e => (e.GetProperty(label).GetString()!, e.GetProperty(value).GetInt64())).ToList();

    private async Task<(int UserId, int KeyId)> MemberAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().ApiKeys.SingleAsync(k => k.UserId == factory.MemberUserId, TestContext.Current.CancellationToken);
        return (key.UserId, key.Id);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await factory.ClientWithKey(DashboardApiFactory.AdminKey).GetAsync(path, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }
}
