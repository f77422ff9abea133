using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.ReadStores;
using CleanDashboard.Infrastructure.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CleanDashboard.TestSupport;

namespace CleanDashboard.Infrastructure.IntegrationTests.Alerts;

/// <summary>The figures rules watch, over rows seeded in the real database and summed into the real rollups.</summary>
public sealed class AlertFiguresReadStoreTests
{
    private static readonly DateTime From = new(2024, 3, 1, 8, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2024, 3, 1, 10, 37, 12, DateTimeKind.Utc);

    [Fact]
    public async Task GetRequestFigures_WhenTheWindowSpansAWholeHour_ShouldReadThatHourFromItsRollup()
    {
        await using var database = await SeededAsync();

        // The whole hour 09:00–10:00 is read from its rollup: deleting its raw rows changes nothing.
        var (nine, ten) = (From.AddMinutes(30), From.AddMinutes(90));
        await database.ExecuteAsync(db => db.RequestLogs.Where(r => r.CreatedAt >= nine && r.CreatedAt < ten).ExecuteDeleteAsync());
        var all = await FiguresAsync(database, AlertFilters.None);
        var gpt = await FiguresAsync(database, AlertFilters.None with { Model = "gpt-4o" });

        // 08:45: 2 gpt-4o (1 error, $0.10 each); 09:15: 3 gpt-4o (1 error) + 1 llama3.2 (error), $0.20 each; 10:10: 2 llama3.2, $0.05 each.
        all.Should().Be(new AlertRequestFigures(8, 3, 1.1m));
        gpt.Should().Be(new AlertRequestFigures(5, 2, 0.8m));
    }

    [Fact]
    public async Task GetRequestFigures_WhenFilteredByUserKeyOrEndpoint_ShouldCountOnlyTheirRowsInTheWindow()
    {
        await using var database = await SeededAsync();

        var user = await FiguresAsync(database, AlertFilters.None with { UserId = 7 });
        var key = await FiguresAsync(database, AlertFilters.None with { ApiKeyId = 3 });
        var endpoint = await FiguresAsync(database, AlertFilters.None with { Endpoint = "/v1/embeddings" });
        var userAndModel = await FiguresAsync(database, new AlertFilters("llama3.2", null, 7, null));

        // User 7 (key 3): the 09:15 llama3.2 error and the two 10:10 llama3.2 rows; the 08:20 and 10:40 rows are outside.
        user.Should().Be(new AlertRequestFigures(3, 1, 0.3m));
        key.Should().Be(new AlertRequestFigures(3, 1, 0.3m));
        endpoint.Should().Be(new AlertRequestFigures(2, 0, 0.1m));
        userAndModel.Should().Be(new AlertRequestFigures(3, 1, 0.3m));
    }

    [Theory]
    [InlineData(20, 19.0)]
    [InlineData(21, 20.0)]
    [InlineData(1, 1.0)]
    public async Task GetP95LatencyMs_WhenLatenciesAre1ToN_ShouldAnswerTheNearestRank(int count, double expected)
    {
        await using var database = await TestDatabaseAsync();
        await SeedAsync(database, Enumerable.Range(1, count).Reverse().Select(ms => Row(To.AddMinutes(-1), 200, latencyMs: ms, ttftMs: ms % 2 == 0 ? ms * 10 : null)));

        var p95 = await database.InScopeAsync(sp => sp.GetRequiredService<IAlertFigures>().GetP95LatencyMsAsync(To.AddMinutes(-5), To, AlertFilters.None, CancellationToken.None));

        p95.Should().Be(expected);
    }

    [Fact]
    public async Task GetP95TtftMs_WhenSomeRowsHaveNone_ShouldRankOnlyThoseThatHave()
    {
        await using var database = await TestDatabaseAsync();

        // Time to first token 10, 20, …, 200 on 20 rows, none on 20 more: rank ⌈0.95 × 20⌉ = 19 → 190.
        await SeedAsync(database, Enumerable.Range(1, 20).SelectMany(i => new[] { Row(To.AddMinutes(-1), 200, ttftMs: i * 10), Row(To.AddMinutes(-1), 200) }));
        var none = await database.InScopeAsync(sp => sp.GetRequiredService<IAlertFigures>().GetP95TtftMsAsync(To.AddHours(-5), To.AddHours(-4), AlertFilters.None, CancellationToken.None));
        var p95 = await database.InScopeAsync(sp => sp.GetRequiredService<IAlertFigures>().GetP95TtftMsAsync(To.AddMinutes(-5), To, AlertFilters.None, CancellationToken.None));

        p95.Should().Be(190);
        none.Should().BeNull();
    }

    [Fact]
    public async Task CountUnresolvedCriticalThreats_WhenSomeAreResolvedLowerOrOlder_ShouldCountOnlyUnresolvedCriticalOnesInTheWindow()
    {
        await using var database = await TestDatabaseAsync();
        await database.ExecuteAsync(async db =>
        {
            db.ThreatLogs.AddRange(
                Threat(To.AddMinutes(-10), ThreatSeverity.Critical, resolved: false),
                Threat(To.AddMinutes(-1), ThreatSeverity.Critical, resolved: false),
                Threat(To.AddMinutes(-2), ThreatSeverity.Critical, resolved: true),
                Threat(To.AddMinutes(-3), ThreatSeverity.High, resolved: false),
                Threat(To.AddHours(-2), ThreatSeverity.Critical, resolved: false));
            await db.SaveChangesAsync();
        });

        var count = await database.InScopeAsync(sp => sp.GetRequiredService<IAlertFigures>().CountUnresolvedCriticalThreatsAsync(To.AddHours(-1), To, CancellationToken.None));

        count.Should().Be(2);
    }

    private static async Task<TestDatabase> SeededAsync()
    {
        var database = await TestDatabaseAsync();
        await database.ExecuteAsync(async db =>
        {
            db.Users.Add(new User { Id = 7, Name = "user-7", Role = UserRole.Member, CreatedAt = From.AddDays(-1) });
            db.ApiKeys.Add(new ApiKey { Id = 3, UserId = 7, Name = "key-3", Prefix = "cd-0000003", KeyHash = new byte[ApiKey.HashLength], CreatedAt = From.AddDays(-1) });
            await db.SaveChangesAsync();
        });
        await SeedAsync(database,
        [
            Row(From.AddMinutes(-10), 500, cost: 1m),
            Row(From.AddMinutes(15), 200, cost: 0.1m),
            Row(From.AddMinutes(15), 500, cost: 0.1m),
            Row(From.AddMinutes(45), 200, cost: 0.2m),
            Row(From.AddMinutes(45), 200, cost: 0.2m),
            Row(From.AddMinutes(45), 502, cost: 0.2m),
            Row(From.AddMinutes(45), 429, cost: 0.2m, model: "llama3.2", userId: 7, apiKeyId: 3),
            Row(From.AddMinutes(100), 200, cost: 0.05m, model: "llama3.2", userId: 7, apiKeyId: 3, endpoint: "/v1/embeddings"),
            Row(From.AddMinutes(100), 200, cost: 0.05m, model: "llama3.2", userId: 7, apiKeyId: 3, endpoint: "/v1/embeddings"),
            Row(To.AddMinutes(3), 500, cost: 1m, model: "llama3.2", userId: 7, apiKeyId: 3),
        ]);
        return database;
    }

    private static async Task<TestDatabase> TestDatabaseAsync()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        return database;
    }

    private static async Task SeedAsync(TestDatabase database, IEnumerable<RequestLog> rows)
    {
        await database.ExecuteAsync(async db =>
        {
            db.RequestLogs.AddRange(rows);
            await db.SaveChangesAsync();
        });
        await database.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<RollupRebuilder>().RebuildAsync(CancellationToken.None);
            return true;
        });
    }

    private static Task<AlertRequestFigures> FiguresAsync(TestDatabase database, AlertFilters filters) =>
        database.InScopeAsync(sp => sp.GetRequiredService<IAlertFigures>().GetRequestFiguresAsync(From, To, filters, CancellationToken.None));

    private static RequestLog Row(
        DateTime at, int status, decimal? cost = null, string model = "gpt-4o", int? userId = null, int? apiKeyId = null,
        string endpoint = "/v1/chat/completions", double latencyMs = 100, double? ttftMs = null) =>
        RequestLogBuilder.ChatAt(at).Endpoint(endpoint).Status(status).Latency(latencyMs, ttftMs).Model(model).Country("DE")
            .TotalTokens(cost is null ? null : 10).Cost(cost).UserId(userId).ApiKeyId(apiKeyId).Build();

    private static ThreatLog Threat(DateTime at, ThreatSeverity severity, bool resolved) => new()
    {
        ThreatType = "prompt_injection", Severity = severity, IpAddress = "192.0.2.1", Description = "test", Resolved = resolved, CreatedAt = at, LastSeenAt = at,
    };
}
