using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Tracking;

public sealed class RequestLogBatchWriterTests : IAsyncLifetime
{
    private static readonly DateTime Day = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _db = new();
    private int _userId;

    public async ValueTask InitializeAsync()
    {
        await _db.InitializeAsync();
        await _db.ExecuteAsync(async db =>
        {
            var user = new User { Name = "writer-user", Role = UserRole.Member, CreatedAt = Day };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            _userId = user.Id;
        });
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task WriteAsync_WhenIdleGapExceedsTimeout_ShouldCloseTheSessionAtItsLastRequestAndOpenANewOne()
    {
        // 10:00 → 10:20 → 10:49:59 (gap 29:59, same session) → 11:20:00 (gap 30:01, new session) → 11:25
        await WriteAsync(Entry("10:00:00", cost: 0.0010m, tokens: 10, ip: "203.0.113.1"), Entry("10:20:00", cost: 0.0020m, tokens: 20, ip: "203.0.113.1"));
        await WriteAsync(
            Entry("10:49:59", cost: 0.0030m, tokens: 30, ip: "203.0.113.2", agent: "agent/2"),
            Entry("11:20:00", cost: 0.0040m, tokens: 40, ip: "203.0.113.3"),
            Entry("11:25:00", cost: null, tokens: null, ip: "203.0.113.3"));

        var sessions = await _db.QueryAsync(db => db.UserSessions.AsNoTracking().OrderBy(s => s.SessionStart).ToListAsync());

        sessions.Should().HaveCount(2);
        var first = sessions[0];
        (first.SessionStart, first.SessionEnd, first.LastActivityAt).Should().Be((At("10:00:00"), At("10:49:59"), At("10:49:59")));
        (first.TotalRequests, first.TotalCost, first.TotalTokens).Should().Be((3, 0.0060m, 60L));
        (first.IpAddress, first.UserAgent).Should().Be(("203.0.113.2", "agent/2"));
        var second = sessions[1];
        (second.SessionStart, second.SessionEnd, second.LastActivityAt).Should().Be((At("11:20:00"), (DateTime?)null, At("11:25:00")));
        (second.TotalRequests, second.TotalCost, second.TotalTokens).Should().Be((2, 0.0040m, 40L));
    }

    [Fact]
    public async Task WriteAsync_WhenGapIsExactlyTheTimeout_ShouldKeepOneSession()
    {
        await WriteAsync(Entry("10:00:00"), Entry("10:30:00"));

        var sessions = await _db.QueryAsync(db => db.UserSessions.AsNoTracking().ToListAsync());

        sessions.Should().ContainSingle().Which.TotalRequests.Should().Be(2);
    }

    [Fact]
    public async Task WriteAsync_WhenAnonymous_ShouldStoreTheLogButNoSession()
    {
        await WriteAsync(Entry("10:00:00") with { UserId = null, StatusCode = 401 });

        (await _db.QueryAsync(db => db.RequestLogs.CountAsync())).Should().Be(1);
        (await _db.QueryAsync(db => db.UserSessions.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task WriteAsync_ShouldUpsertDailyStatsThatEqualARebuildFromRawLogs()
    {
        // Day 1, gpt-4o: latencies 100.5, 200.25, 300.125 ms; statuses 200, 200, 500; tokens 10, 20, null; cost 0.0010, 0.0020, null.
        // Day 1, llama3.2: one request. Day 2, gpt-4o: one request. A request without a model is not in the stats.
        await WriteAsync(
            Entry("09:00:00", model: "gpt-4o", latency: 100.5, cost: 0.0010m, tokens: 10),
            Entry("09:01:00", model: "gpt-4o", latency: 200.25, cost: 0.0020m, tokens: 20),
            Entry("09:02:00", model: "llama3.2", latency: 50, cost: 0.0001m, tokens: 5));
        await WriteAsync(
            Entry("23:59:59", model: "gpt-4o", latency: 300.125, cost: null, tokens: null) with { StatusCode = 500 },
            Entry("23:59:59", model: string.Empty, latency: 1, cost: null, tokens: null) with { StatusCode = 404 });
        await WriteAsync(Entry("10:00:00", model: "gpt-4o", latency: 7, cost: 0.0500m, tokens: 700, day: Day.AddDays(1)));

        var written = await StatsAsync();

        written.Should().HaveCount(3);
        var gpt = written.Single(s => s.Date == new DateOnly(2024, 3, 1) && s.ModelName == "gpt-4o");
        (gpt.TotalRequests, gpt.SuccessfulRequests, gpt.FailedRequests, gpt.TotalTokens, gpt.TotalCost).Should().Be((3, 2, 1, 30L, 0.0030m));
        gpt.TotalLatencyUs.Should().Be(600_875, "100,500 + 200,250 + 300,125 µs");
        gpt.AvgLatencyMs.Should().Be(200.292, "600.875 ms / 3 = 200.29166… → 3 decimals");

        using (var scope = _db.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UsageStatsRebuilder>().RebuildAsync(CancellationToken.None);
        }

        var rebuilt = await StatsAsync();
        rebuilt.Select(Comparable).Should().Equal(written.Select(Comparable));
    }

    private async Task<List<ModelUsageStats>> StatsAsync() =>
        await _db.QueryAsync(db => db.ModelUsageStats.AsNoTracking().OrderBy(s => s.Date).ThenBy(s => s.ModelName).ToListAsync());

    private static object Comparable(ModelUsageStats s) =>
        (s.Date, s.ModelName, s.TotalRequests, s.SuccessfulRequests, s.FailedRequests, s.TotalTokens, s.TotalCost, s.TotalLatencyUs, s.AvgLatencyMs);

    private async Task WriteAsync(params TrackedRequest[] batch)
    {
        await using var scope = _db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(batch, CancellationToken.None);
    }

    private static DateTime At(string time, DateTime? day = null) => (day ?? Day) + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);

    private TrackedRequest Entry(string time, string model = "gpt-4o", double latency = 10, decimal? cost = 0.0001m, int? tokens = 1, string ip = "203.0.113.1", string agent = "agent/1", DateTime? day = null) => new()
    {
        CreatedAt = At(time, day),
        Endpoint = "/v1/chat/completions",
        Method = "POST",
        StatusCode = 200,
        LatencyMs = latency,
        ModelName = model,
        PromptTokens = tokens,
        CompletionTokens = tokens is null ? null : 0,
        TotalTokens = tokens,
        CostUsd = cost,
        IpAddress = ip,
        UserId = _userId,
        UserAgent = agent,
    };
}
