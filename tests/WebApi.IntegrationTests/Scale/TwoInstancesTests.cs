using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.WebApi.IntegrationTests.Scale;

/// <summary>
/// Scaling out: two instances on one PostgreSQL database and one Redis count each other's traffic, and the dashboard one
/// of them computed is the one the other serves. Uses PostgreSQL (<c>CD_TEST_POSTGRES</c>) and Redis (<c>CD_TEST_REDIS</c>)
/// whatever <c>CD_TEST_DATABASE</c> says, so test.sh runs it once (in the first pass), on a fresh database and key prefix;
/// skipped with the reason when either server cannot be reached.
/// </summary>
[Trait("Database", "Independent")]
public sealed class TwoInstancesTests
{
    private const string DashboardQuery = "GetDashboardQuery:24h";

    private static readonly DateTimeOffset Now = new(2024, 3, 1, 10, 37, 12, TimeSpan.Zero);

    [Fact]
    public async Task GetDashboard_WhenTrafficReachesBothInstances_ShouldCountAllOfItOnEitherFromOneComputation()
    {
        var clockA = new FakeTimeProvider(Now);
        var clockB = new FakeTimeProvider(Now);
        await using var pair = await InstancePair.StartAsync(clockA, clockB);

        await Task.WhenAll(pair.SendChatsAsync(pair.A, 7), pair.SendChatsAsync(pair.B, 5));
        (await pair.WaitForRequestLogsAsync(12)).Should().Be(12);
        await pair.DrainWritersAsync();

        var fromA = await pair.DashboardAsync(pair.A, "24h");
        ShouldCountTwelveChats(fromA);
        fromA.GetProperty("generatedAt").GetString().Should().Be("2024-03-01T10:37:12Z");

        // The answer's key names the data version both instances share once every batch has published its commit.
        var version = await InstancePair.DataVersionAsync(pair.A);
        (await InstancePair.DataVersionAsync(pair.B)).Should().Be(version);
        version.Local.Should().Be(0, "every commit reached Redis");
        var dashboardKey = $"{DashboardQuery}@{version}";
        (await pair.WaitForRedisKeyAsync(dashboardKey)).Should().BeTrue("A stores its answer in the shared Redis level");
        var timeToLive = await pair.RedisTimeToLiveAsync(dashboardKey);
        timeToLive.Should().NotBeNull().And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(15), "Redis drops the answer after Cache:Duration");

        // B's clock moves on 5 s, less than Cache:Duration: an answer B computes now says generatedAt 10:37:17.
        clockB.Advance(TimeSpan.FromSeconds(5));
        var fromB = await pair.DashboardAsync(pair.B, "24h");
        ShouldCountTwelveChats(fromB);
        fromB.GetProperty("generatedAt").GetString().Should().Be("2024-03-01T10:37:12Z", "B serves A's answer from Redis instead of computing its own");
        fromB.GetRawText().Should().Be(fromA.GetRawText());

        var computedByB = await pair.DashboardAsync(pair.B, "7d");
        ShouldCountTwelveChats(computedByB);
        computedByB.GetProperty("generatedAt").GetString().Should().Be("2024-03-01T10:37:17Z", "nobody had asked for 7d, so B computed it");
    }

    [Fact]
    public async Task GetDashboard_WhenTheCacheDurationHasPassed_ShouldCountNewTrafficOnBothInstances()
    {
        await using var pair = await InstancePair.StartAsync(TimeProvider.System, TimeProvider.System, cacheDuration: TimeSpan.FromSeconds(1));
        await pair.SendChatsAsync(pair.A, 3);
        await pair.SendChatsAsync(pair.B, 2);
        (await pair.WaitForRequestLogsAsync(5)).Should().Be(5);
        TotalRequests(await pair.DashboardAsync(pair.A, "24h")).Should().Be(5);
        TotalRequests(await pair.DashboardAsync(pair.B, "24h")).Should().Be(5);

        await pair.SendChatsAsync(pair.B, 4);
        (await pair.WaitForRequestLogsAsync(9)).Should().Be(9);

        // The answers both instances hold, in memory and in Redis, give way to new ones once Cache:Duration (1 s here) has passed.
        TotalRequests(await pair.DashboardUntilTotalAsync(pair.A, "24h", 9)).Should().Be(9);
        TotalRequests(await pair.DashboardUntilTotalAsync(pair.B, "24h", 9)).Should().Be(9);
    }

    [Fact]
    public async Task GetDashboard_WhenTheOtherInstanceCommitsAfterAnAnswerWasCached_ShouldCountItOneIntervalLaterFromTheCacheOfEither()
    {
        var clockA = new FakeTimeProvider(Now);
        var clockB = new FakeTimeProvider(Now);
        await using var pair = await InstancePair.StartAsync(clockA, clockB);
        await pair.SendChatsAsync(pair.A, 3);
        await pair.DrainWritersAsync();
        TotalRequests(await pair.DashboardAsync(pair.A, "24h")).Should().Be(3);

        await pair.SendChatsAsync(pair.B, 4);
        await pair.DrainWritersAsync();
        TotalRequests(await pair.DashboardAsync(pair.A, "24h")).Should().Be(3, "A computed its answer at this instant of its clock");

        // One second on A's clock covers its 250 ms read of the shared version and the 1 s between recomputations.
        clockA.Advance(TimeSpan.FromSeconds(1));
        var fromA = await pair.DashboardAsync(pair.A, "24h");
        TotalRequests(fromA).Should().Be(7, "B's batch published a new version in Redis, which names a new answer");
        fromA.GetProperty("generatedAt").GetString().Should().Be("2024-03-01T10:37:13Z");

        var version = await InstancePair.DataVersionAsync(pair.A);
        (await pair.WaitForRedisKeyAsync($"{DashboardQuery}@{version}")).Should().BeTrue("A stores its new answer in the shared Redis level");
        clockB.Advance(TimeSpan.FromSeconds(3));
        var fromB = await pair.DashboardAsync(pair.B, "24h");
        fromB.GetRawText().Should().Be(fromA.GetRawText(), "B, on the same version, serves A's answer from Redis");
    }

    private static long TotalRequests(JsonElement dashboard) => dashboard.GetProperty("summary").GetProperty("totalRequests").GetInt64();

    /// <summary>7 chats through A and 5 through B, each 3 prompt + 4 completion words at 0.011.</summary>
    private static void ShouldCountTwelveChats(JsonElement dashboard)
    {
        var summary = dashboard.GetProperty("summary");
        summary.GetProperty("totalRequests").GetInt64().Should().Be(12);
        summary.GetProperty("successfulRequests").GetInt64().Should().Be(12);
        summary.GetProperty("totalTokens").GetInt64().Should().Be(84);
        summary.GetProperty("totalCost").GetDecimal().Should().Be(0.132m);
        summary.GetProperty("avgTokensPerRequest").GetDouble().Should().Be(7);
        summary.GetProperty("avgCostPerRequest").GetDecimal().Should().Be(0.011m);
        dashboard.GetProperty("topModels").EnumerateArray()
            .Select(m => (m.GetProperty("name").GetString(), m.GetProperty("requests").GetInt64()))
            .Should().Equal(("demo-echo", 12L));
        dashboard.GetProperty("requests").EnumerateArray().Sum(p => p.GetProperty("success").GetInt64()).Should().Be(12);
    }
}
