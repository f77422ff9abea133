using CleanDashboard.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.DemoData;

/// <summary>Demo data for 2 days and 2 users, generated once with a fixed seed at now = 2024-03-01T10:37:12Z.</summary>
public sealed class DemoDataGeneratorTests(DemoDataGeneratorTests.GeneratedDatabase database) : IClassFixture<DemoDataGeneratorTests.GeneratedDatabase>
{
    private static readonly DateTime FirstDay = new(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_WhenRunOnAnEmptyDatabase_ShouldFillAllFiveTablesAndReportTheirCounts()
    {
        var counts = await database.CountsAsync();

        // The seed and now are fixed, so the generator's output is too: these are its counts, pinned.
        database.FirstRun.Should().Be(new DemoDataResult(RequestLogs: 2572, Sessions: 34, Feedback: 104, Threats: 9, UsageStatsRows: 12));
        counts.Should().Be(new TableCounts(RequestLogs: 2572, Sessions: 34, Feedback: 104, Threats: 9, UsageStats: 12));
        (await database.QueryAsync(db => db.Users.CountAsync(u => u.Name.StartsWith("demo-user-"), Ct))).Should().Be(2);
    }

    [Fact]
    public async Task GenerateAsync_WhenRun_ShouldPutEveryRowBetweenTheFirstDayAndNow()
    {
        var now = TestDatabase.DefaultNow.UtcDateTime;
        var logs = await database.QueryAsync(db => db.RequestLogs.AsNoTracking().ToListAsync(Ct));
        var feedback = await database.QueryAsync(db => db.FeedbackLogs.AsNoTracking().Include(f => f.RequestLog).ToListAsync(Ct));
        var threats = await database.QueryAsync(db => db.ThreatLogs.AsNoTracking().ToListAsync(Ct));

        logs.Should().OnlyContain(r => r.CreatedAt >= FirstDay && r.CreatedAt <= now);
        logs.Select(r => r.CreatedAt.Date).Distinct().Should().BeEquivalentTo([FirstDay, FirstDay.AddDays(1)]);
        feedback.Should().OnlyContain(f => f.CreatedAt >= f.RequestLog!.CreatedAt && f.CreatedAt <= now && f.RequestLog.StatusCode < 400);
        feedback.Should().OnlyContain(f => f.Rating >= 1 && f.Rating <= 5);
        feedback.Should().OnlyContain(f => f.RequestLog!.UserId == f.UserId && f.RequestLog.Endpoint != "/v1/embeddings", "a user rates an answer to their own request");
        feedback.Should().OnlyContain(f => f.CreatedAt - f.RequestLog!.CreatedAt <= TimeSpan.FromSeconds(121), "feedback follows its answer within two minutes");
        threats.Should().OnlyContain(t => t.CreatedAt >= FirstDay && t.CreatedAt <= now && t.LastSeenAt >= t.CreatedAt && t.LastSeenAt <= now);
    }

    [Fact]
    public async Task GenerateAsync_WhenRun_ShouldSplitEachUsersRequestsIntoSessionsAtIdleGapsOver30Minutes()
    {
        var logs = await database.QueryAsync(db => db.RequestLogs.AsNoTracking().Where(r => r.UserId != null).ToListAsync(Ct));
        var sessions = await database.QueryAsync(db => db.UserSessions.AsNoTracking().ToListAsync(Ct));

        sessions.Sum(s => s.TotalRequests).Should().Be(logs.Count);
        foreach (var user in logs.GroupBy(r => r.UserId!.Value))
        {
            var times = user.Select(r => r.CreatedAt).Order().ToList();
            var gapsOverTimeout = times.Zip(times.Skip(1)).Count(pair => pair.Second - pair.First > IdleTimeout);
            var userSessions = sessions.Where(s => s.UserId == user.Key).OrderBy(s => s.SessionStart).ToList();

            userSessions.Should().HaveCount(gapsOverTimeout + 1, "a new session starts exactly at each idle gap of user {0}", user.Key);
            userSessions.Zip(userSessions.Skip(1)).Should().OnlyContain(pair => pair.Second.SessionStart - pair.First.LastActivityAt > IdleTimeout);
            foreach (var session in userSessions)
            {
                var own = user.Where(r => r.CreatedAt >= session.SessionStart && r.CreatedAt <= session.LastActivityAt).ToList();
                own.Should().HaveCount(session.TotalRequests);
                own.Min(r => r.CreatedAt).Should().Be(session.SessionStart);
                own.Max(r => r.CreatedAt).Should().Be(session.LastActivityAt);
                session.TotalCost.Should().Be(own.Sum(r => r.CostUsd ?? 0m));
                session.TotalTokens.Should().Be(own.Sum(r => (long)(r.TotalTokens ?? 0)));
            }
        }
    }

    [Fact]
    public async Task GenerateAsync_WhenRun_ShouldCloseOnlySessionsIdleLongerThanTheTimeoutAtNow()
    {
        var now = TestDatabase.DefaultNow.UtcDateTime;
        var sessions = await database.QueryAsync(db => db.UserSessions.AsNoTracking().ToListAsync(Ct));

        sessions.Should().OnlyContain(s => now - s.LastActivityAt > IdleTimeout ? s.SessionEnd == s.LastActivityAt : s.SessionEnd == null);
    }

    [Fact]
    public async Task GenerateAsync_WhenPricesAreKnown_ShouldPriceOnlyThePricedModels()
    {
        var logs = await database.QueryAsync(db => db.RequestLogs.AsNoTracking().ToListAsync(Ct));

        // Only llama3.2 and gpt-4o are priced in this fixture; everything else stays unpriced, never $0.
        logs.Where(r => r.CostUsd != null).Select(r => r.ModelName).Distinct().Should().BeSubsetOf(["llama3.2", "gpt-4o"]);
        logs.Should().Contain(r => r.CostUsd > 0m);
        logs.Where(r => r.StatusCode >= 400).Should().OnlyContain(r => r.CostUsd == null && r.TotalTokens == null);
    }

    [Fact]
    public async Task GenerateAsync_WhenTheDatabaseHoldsRequestLogsAndClearIsNotSet_ShouldThrowAndAddNothing()
    {
        var before = await database.CountsAsync();
        var users = await database.QueryAsync(db => db.Users.CountAsync(Ct));

        var act = () => database.GenerateAsync(database.Options with { Clear = false, Users = 5 });

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await database.CountsAsync()).Should().Be(before);
        (await database.QueryAsync(db => db.Users.CountAsync(Ct))).Should().Be(users);
    }

    [Fact]
    public async Task GenerateAsync_WhenRunAgainWithClearAndTheSameSeedAndNow_ShouldProduceTheSameData()
    {
        var firstCost = await database.QueryAsync(db => db.RequestLogs.SumAsync(r => r.CostUsd, Ct));
        // Whole microseconds: an exact sum, whatever order the database adds the rows in (a float sum is not).
        var firstLatency = await database.QueryAsync(db => db.RequestLogs.SumAsync(r => (long)Math.Round(r.LatencyMs * 1000), Ct));

        var second = await database.GenerateAsync(database.Options with { Clear = true });

        second.Should().Be(database.FirstRun);
        (await database.CountsAsync()).Should().Be(new TableCounts(second.RequestLogs, second.Sessions, second.Feedback, second.Threats, second.UsageStatsRows));
        (await database.QueryAsync(db => db.RequestLogs.SumAsync(r => r.CostUsd, Ct))).Should().Be(firstCost);
        (await database.QueryAsync(db => db.RequestLogs.SumAsync(r => (long)Math.Round(r.LatencyMs * 1000), Ct))).Should().Be(firstLatency);
    }

    [Fact]
    public async Task RebuildAsync_WhenRun_ShouldEqualTheDailyModelTotalsOfTheRequestLogs()
    {
        var rows = await database.InScopeAsync(services => services.GetRequiredService<UsageStatsRebuilder>().RebuildAsync(Ct));
        var logs = await database.QueryAsync(db => db.RequestLogs.AsNoTracking().ToListAsync(Ct));
        var stats = await database.QueryAsync(db => db.ModelUsageStats.AsNoTracking().ToListAsync(Ct));

        var expected = logs
            .Where(r => r.ModelName != string.Empty)
            .GroupBy(r => (Date: DateOnly.FromDateTime(r.CreatedAt), r.ModelName))
            .Select(g => new
            {
                g.Key.Date,
                g.Key.ModelName,
                TotalRequests = g.Count(),
                SuccessfulRequests = g.Count(r => r.StatusCode < 400),
                FailedRequests = g.Count(r => r.StatusCode >= 400),
                TotalTokens = g.Sum(r => (long)(r.TotalTokens ?? 0)),
                TotalCost = g.Sum(r => r.CostUsd ?? 0m),
                AvgLatencyMs = Math.Round(g.Average(r => r.LatencyMs), 3, MidpointRounding.AwayFromZero),
            })
            .ToList();

        rows.Should().Be(expected.Count).And.Be(database.FirstRun.UsageStatsRows);
        stats.Should().BeEquivalentTo(expected, options => options
            .Using<double>(ctx => ctx.Subject.Should().BeApproximately(ctx.Expectation, 0.0011)).WhenTypeIs<double>());
        stats.Should().OnlyContain(s => s.ModelName != string.Empty);
    }

    public sealed record TableCounts(long RequestLogs, long Sessions, long Feedback, long Threats, int UsageStats);

    public sealed class GeneratedDatabase() : TestDatabase(new Dictionary<string, string?>
    {
        ["Pricing:Models:llama3.2:InputPerMillion"] = "0.06",
        ["Pricing:Models:llama3.2:OutputPerMillion"] = "0.06",
        ["Pricing:Models:gpt-4o:InputPerMillion"] = "2.50",
        ["Pricing:Models:gpt-4o:OutputPerMillion"] = "10.00",
        // Configured prices only: the catalog the build places beside the tests would price the other demo models too.
        ["Pricing:CatalogPath"] = Path.Combine(Path.GetTempPath(), "cleandashboard-no-price-catalog.json"),
    })
    {
        public DemoDataOptions Options { get; } = new(Days: 2, Users: 2, Seed: 7);

        public DemoDataResult FirstRun { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            if (!IsReady)
            {
                return;
            }

            FirstRun = await GenerateAsync(Options);
        }

        public Task<DemoDataResult> GenerateAsync(DemoDataOptions options) => InScopeAsync(services =>
            services.GetRequiredService<DemoDataGenerator>().GenerateAsync(options, null, TestContext.Current.CancellationToken));

        public Task<TableCounts> CountsAsync() => QueryAsync(async db => new TableCounts(
            await db.RequestLogs.LongCountAsync(),
            await db.UserSessions.LongCountAsync(),
            await db.FeedbackLogs.LongCountAsync(),
            await db.ThreatLogs.LongCountAsync(),
            await db.ModelUsageStats.CountAsync()));
    }
}
