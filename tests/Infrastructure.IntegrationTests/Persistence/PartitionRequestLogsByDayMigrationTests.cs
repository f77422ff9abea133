using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// PostgreSQL's PartitionRequestLogsByDay migration on a database that already holds request logs of three UTC days:
/// every row lands in its day's partition with its id, what pointed at it still does, new ids carry on, and Down
/// returns to one table with its foreign keys.
/// </summary>
public sealed class PartitionRequestLogsByDayMigrationTests : IAsyncLifetime
{
    private static readonly DateTime[] Times =
    [
        new(2024, 2, 28, 23, 59, 59, 999, DateTimeKind.Utc),
        new(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc),
        new(2024, 2, 29, 13, 30, 0, DateTimeKind.Utc),
        new(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc),
    ];

    private readonly DatabaseBeforeMigration _db = new("_PartitionRequestLogsByDay");

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Migrate_WhenRequestLogsExist_ShouldMoveEachIntoItsDaysPartitionAndKeepIdsAndRatings()
    {
        Assert.SkipUnless(_db.HasMigration, "A PostgreSQL migration.");
        var ids = await _db.QueryAsync(async db =>
        {
            var user = db.Users.Add(new User { Name = "caller", Role = UserRole.Member, CreatedAt = Times[0] }).Entity;
            var logs = Times.Select(t => RequestLogBuilder.ChatAt(t).Model("m").User(user).Cost(0.000_000_3m).Build()).ToList();
            db.RequestLogs.AddRange(logs);
            await db.SaveChangesAsync();
            var rating = FeedbackLog.For(logs[1], user.Id);
            (rating.Rating, rating.CreatedAt) = (5, Times[1]);
            db.FeedbackLogs.Add(rating);
            await db.SaveChangesAsync();
            return logs.Select(l => l.Id).ToArray();
        });
        await _db.ExecuteAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM request_logs WHERE "Id" = (SELECT max("Id") FROM request_logs)"""));

        await _db.ExecuteAsync(db => db.Database.MigrateAsync());

        var rows = await _db.SqlColumnAsync("""SELECT "Id" || ' ' || tableoid::regclass::text || ' ' || "CostUsd" FROM request_logs ORDER BY "Id" """);
        rows.Should().Equal(
            $"{ids[0]} request_logs_20240228 0.0000003000",
            $"{ids[1]} request_logs_20240229 0.0000003000",
            $"{ids[2]} request_logs_20240229 0.0000003000");
        (await _db.SqlColumnAsync("""SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid = '"request_logs"'::regclass""")).Should().Equal(0L);
        (await _db.QueryAsync(db => db.FeedbackLogs.Select(f => f.RequestLogId).ToListAsync())).Should().Equal(ids[1]);

        // The deleted row's id is not given again: the sequence carries on from the old one.
        var next = await _db.QueryAsync(async db =>
        {
            var log = RequestLogBuilder.ChatAt(Times[3]).Model("m").Build();
            db.RequestLogs.Add(log);
            await db.SaveChangesAsync();
            return log.Id;
        });
        next.Should().Be(ids[3] + 1);
        (await _db.SqlColumnAsync($"""SELECT tableoid::regclass::text FROM request_logs WHERE "Id" = {next}""")).Should().Equal("request_logs_default");
    }

    [Fact]
    public async Task MigrateDown_ShouldReturnEveryRowToOneTableWithItsForeignKeys()
    {
        Assert.SkipUnless(_db.HasMigration, "A PostgreSQL migration.");
        await _db.ExecuteAsync(db => db.Database.MigrateAsync());
        var ids = await _db.QueryAsync(async db =>
        {
            var logs = Times.Select(t => RequestLogBuilder.ChatAt(t).Model("m").Build()).ToList();
            db.RequestLogs.AddRange(logs);
            await db.SaveChangesAsync();
            return logs.Select(l => l.Id).ToArray();
        });

        await _db.ExecuteAsync(db => db.GetService<IMigrator>().MigrateAsync(_db.Previous));

        (await _db.SqlColumnAsync("""SELECT "Id" || ' ' || tableoid::regclass::text FROM request_logs ORDER BY "Id" """))
            .Should().Equal(ids.Select(id => (object?)$"{id} request_logs"));
        (await _db.SqlColumnAsync("""SELECT conname FROM pg_constraint WHERE contype = 'f' AND confrelid = '"request_logs"'::regclass ORDER BY 1"""))
            .Should().Equal(
                "FK_feedback_logs_request_logs_RequestLogId",
                "FK_request_captures_request_logs_RequestLogId",
                "FK_threat_logs_request_logs_RequestLogId",
                "FK_upstream_attempt_logs_request_logs_RequestLogId");
        var next = await _db.QueryAsync(async db =>
        {
            var log = RequestLogBuilder.ChatAt(Times[3]).Model("m").Build();
            db.RequestLogs.Add(log);
            await db.SaveChangesAsync();
            return log.Id;
        });
        next.Should().Be(ids[^1] + 1);
    }
}
