using CleanDashboard.Application.Health.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Retention;
using CleanDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// PostgreSQL's day partitions of <c>request_logs</c> (docs/decisions/129-request-log-partitions.md), on a database of
/// its own at the fake clock's 2024-03-01 10:37 UTC with a 30-day retention: created a week ahead, rows of a day without
/// one moved in when it is, dropped whole by retention with what belongs to their request logs. On SQLite only the
/// retention test runs (its batches delete the same dependents).
/// </summary>
public sealed class RequestLogPartitionTests : IAsyncLifetime
{
    private static readonly DateTime Today = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly RetentionDatabase _db = new();

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Ensure_OnAFreshDatabase_ShouldCreateYesterdayToAWeekAheadOnce()
    {
        Assert.SkipUnless(_db.IsPostgres, "Only PostgreSQL's request_logs is partitioned.");

        var created = await EnsureAsync(_db.Services);
        var again = await EnsureAsync(_db.Services);

        var expected = Enumerable.Range(-1, 9).Select(d => Today.AddDays(d)).ToList();
        created.Should().Equal(expected);
        again.Should().BeEmpty();
        (await ListAsync()).Should().Equal(expected);
        (await _db.SqlColumnAsync("""SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"request_logs"'::regclass ORDER BY 1"""))
            .Should().Equal([.. expected.Select(d => (object?)RequestLogPartitions.NameOf(d)), "request_logs_default"]);
    }

    [Fact]
    public async Task Ensure_WhenRowsWaitInTheDefaultPartition_ShouldMoveThoseOfDaysWithinRetentionAndAWeekAheadIntoTheirOwn()
    {
        Assert.SkipUnless(_db.IsPostgres, "Only PostgreSQL's request_logs is partitioned.");
        await EnsureAsync(_db.Services);

        // 2024-02-05 is within the 30 days kept, 2024-01-20 is not, 2024-03-20 is past the week ahead.
        var ids = await AddAsync(At(2024, 2, 5, 23, 59, 59), At(2024, 1, 20, 8, 0, 0), At(2024, 3, 20, 0, 0, 0), At(2024, 3, 1, 9, 0, 0));
        (await PartitionsOfAsync(ids)).Should().Equal("request_logs_default", "request_logs_default", "request_logs_default", "request_logs_20240301");

        (await EnsureAsync(_db.Services)).Should().Equal(new DateTime(2024, 2, 5, 0, 0, 0, DateTimeKind.Utc));
        (await PartitionsOfAsync(ids)).Should().Equal("request_logs_20240205", "request_logs_default", "request_logs_default", "request_logs_20240301");

        _db.Time.Advance(TimeSpan.FromDays(13)); // 2024-03-14: from yesterday, 03-13, to a week ahead, 03-21; 03-09 to 03-12 had no rows
        var created = await EnsureAsync(_db.Services);

        created.Should().Equal(Enumerable.Range(12, 9).Select(d => Today.AddDays(d)));
        (await PartitionsOfAsync(ids)).Should().Equal("request_logs_20240205", "request_logs_default", "request_logs_20240320", "request_logs_20240301");
        (await _db.QueryAsync(db => db.RequestLogs.CountAsync())).Should().Be(4);
    }

    [Fact]
    public async Task Ensure_WhenTwoInstancesRunItAtOnce_ShouldCreateEachDayOnce()
    {
        Assert.SkipUnless(_db.IsPostgres, "Only PostgreSQL's request_logs is partitioned.");
        await using var second = TestDatabase.BuildServices(_db.Target.Settings.Concat(RetentionDatabase.Settings), _db.Time);

        var both = await Task.WhenAll(EnsureAsync(_db.Services), EnsureAsync(second));

        both.SelectMany(days => days).Order().Should().Equal(Enumerable.Range(-1, 9).Select(d => Today.AddDays(d)));
        (await ListAsync()).Should().HaveCount(9);
    }

    [Fact]
    public async Task Service_ShouldKeepAWeekAheadAndReportDegradedWhileARunFails()
    {
        Assert.SkipUnless(_db.IsPostgres, "Only PostgreSQL's request_logs is partitioned.");
        await _db.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var service = _db.Services.GetRequiredService<RequestLogPartitionService>();
        await using var scope = _db.Services.CreateAsyncScope();
        var health = scope.ServiceProvider.GetServices<IHealthContributor>().Single(c => c.Name == "requestLogPartitions");

        await service.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(() => service.LastSuccessAt is not null);
            (await ListAsync()).Should().Equal(Enumerable.Range(-1, 9).Select(d => Today.AddDays(d)));
            (await health.CheckAsync(CancellationToken.None)).Should().Be(new HealthCheckDto(HealthStatus.Healthy, "a week ahead, checked 2024-03-01 10:37:12 UTC"));

            // Without its default partition the next run cannot lock it: the hour's run fails and says so.
            await _db.ExecuteAsync(db => db.Database.ExecuteSqlRawAsync("""DROP TABLE "request_logs_default" """));
            await WaitUntilAsync(() => service.LastError is not null, () => _db.Time.Advance(RequestLogPartitionService.Interval));

            (await health.CheckAsync(CancellationToken.None)).Should().Be(new HealthCheckDto(
                HealthStatus.Degraded,
                "Creating the next days' request-log partitions failed: 42P01: relation \"request_logs_default\" does not exist"));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Purge_ShouldDropExpiredDaysAndDeleteWhatBelongsToTheirRequestsButKeepTheRest()
    {
        await _db.InScopeAsync(sp => sp.GetRequiredService<RequestLogPartitions>().EnsureAsync(CancellationToken.None, new DateTime(2024, 1, 28, 0, 0, 0, DateTimeKind.Utc)));

        // The cutoff is 2024-01-31 00:00 (30 days before 2024-03-01 10:37, at midnight): on PostgreSQL 01-30's partition
        // goes whole and 2024-01-10's row (no partition: in the default one) by batch; 01-31 and later stay.
        var ids = await AddAsync(At(2024, 1, 30, 23, 59, 59), At(2024, 1, 10, 12, 0, 0), At(2024, 1, 31, 0, 0, 0), At(2024, 3, 1, 9, 0, 0));
        var kept = ids[2];
        await _db.ExecuteAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Name == "caller");
            foreach (var id in ids)
            {
                db.FeedbackLogs.Add(new FeedbackLog { RequestLogId = id, UserId = user.Id, Rating = 4, CreatedAt = At(2024, 2, 1, 0, 0, 0), ModelName = "m" });
                db.UpstreamAttemptLogs.Add(new UpstreamAttemptLog { RequestLogId = id, CreatedAt = At(2024, 2, 1, 0, 0, 0), Attempt = 1, Upstream = "a", Failure = "timeout" });
                db.ThreatLogs.Add(new ThreatLog { ThreatType = "prompt_injection", Severity = ThreatSeverity.High, CreatedAt = At(2024, 2, 1, 0, 0, 0), LastSeenAt = At(2024, 2, 1, 0, 0, 0), RequestLogId = id });
            }

            await db.SaveChangesAsync();
        });

        var deleted = await _db.InScopeAsync(sp => sp.GetRequiredService<RequestLogRetention>().PurgeAsync(CancellationToken.None));

        deleted.Should().Be(2);
        var survivors = new[] { kept, ids[3] };
        (await _db.QueryAsync(db => db.RequestLogs.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync())).Should().Equal(survivors);
        (await _db.QueryAsync(db => db.FeedbackLogs.OrderBy(f => f.RequestLogId).Select(f => f.RequestLogId).ToListAsync())).Should().Equal(survivors);
        (await _db.QueryAsync(db => db.UpstreamAttemptLogs.OrderBy(a => a.RequestLogId).Select(a => a.RequestLogId).ToListAsync())).Should().Equal(survivors);
        (await _db.QueryAsync(db => db.ThreatLogs.OrderBy(t => t.Id).Select(t => t.RequestLogId).ToListAsync())).Should().Equal(null, null, kept, ids[3]);
        (await _db.QueryAsync(db => db.DailyFeedbackCubes.SumAsync(c => c.Ratings))).Should().Be(2);
        if (_db.IsPostgres)
        {
            (await ListAsync()).Should().NotContain([At(2024, 1, 28, 0, 0, 0), At(2024, 1, 29, 0, 0, 0), At(2024, 1, 30, 0, 0, 0)])
                .And.Contain(At(2024, 1, 31, 0, 0, 0));
        }
    }

    /// <summary>
    /// Polls a background service's state (it runs on its own timer), for at most 30 s, doing <paramref name="meanwhile"/>
    /// each time (advancing the fake clock: the service may not be waiting for it yet at the first).
    /// </summary>
    private static async Task WaitUntilAsync(Func<bool> condition, Action? meanwhile = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            meanwhile?.Invoke();
            DateTime.UtcNow.Should().BeBefore(deadline, "the partition service should have finished its run");
            await Task.Delay(20);
        }
    }

    private static DateTime At(int year, int month, int day, int hour, int minute, int second) => new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    private static Task<IReadOnlyList<DateTime>> EnsureAsync(IServiceProvider services) => InScopeAsync(services, p => p.EnsureAsync(CancellationToken.None));

    private Task<IReadOnlyList<DateTime>> ListAsync() => InScopeAsync(_db.Services, p => p.ListAsync(CancellationToken.None));

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<RequestLogPartitions, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<RequestLogPartitions>());
    }

    /// <summary>Adds one request log of a user "caller" at each time; returns their ids in that order.</summary>
    private async Task<long[]> AddAsync(params DateTime[] times) => await _db.QueryAsync(async db =>
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == "caller") ?? db.Users.Add(new User { Name = "caller", Role = UserRole.Member, CreatedAt = Today }).Entity;
        var logs = times.Select(t => RequestLogBuilder.ChatAt(t).Model("m").User(user).Build()).ToList();
        db.RequestLogs.AddRange(logs);
        await db.SaveChangesAsync();
        return logs.Select(l => l.Id).ToArray();
    });

    /// <summary>The partition holding each request log, in the order of <paramref name="ids"/>.</summary>
    private async Task<List<string>> PartitionsOfAsync(long[] ids)
    {
        var rows = await _db.SqlColumnAsync($"""SELECT "Id" || ':' || tableoid::regclass::text FROM request_logs WHERE "Id" IN ({string.Join(", ", ids)})""");
        var byId = rows.Select(r => ((string)r!).Split(':')).ToDictionary(p => long.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p => p[1].Trim('"'));
        return ids.Select(id => byId[id]).ToList();
    }

    private sealed class RetentionDatabase() : TestDatabase(new Dictionary<string, string?>(Settings))
    {
        public static readonly Dictionary<string, string?> Settings = new() { ["Retention:RequestLogDays"] = "30", ["Retention:PauseMs"] = "0" };
    }
}
