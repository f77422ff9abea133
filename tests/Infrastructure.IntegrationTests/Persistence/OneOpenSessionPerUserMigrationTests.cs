using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Before the OneOpenSessionPerUser migration two instances could each open a session for one user. The migration closes
/// all but the one active last at their last activity, then the unique index of open sessions holds.
/// </summary>
public sealed class OneOpenSessionPerUserMigrationTests : IAsyncLifetime
{
    private readonly DatabaseBeforeMigration _db = new("_OneOpenSessionPerUser");

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Migrate_WhenAUserHasSeveralOpenSessions_ShouldCloseAllButTheLatestAtTheirLastActivity()
    {
        var ten = new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        var ids = (One: 0, Two: 0);
        await _db.ExecuteAsync(async db =>
        {
            var createdAt = ten;
            await db.Database.ExecuteSqlAsync($"""INSERT INTO users ("Name", "Role", "CreatedAt") VALUES ('one', 'member', {createdAt})""");
            await db.Database.ExecuteSqlAsync($"""INSERT INTO users ("Name", "Role", "CreatedAt") VALUES ('two', 'member', {createdAt})""");
            var one = await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM users WHERE "Name" = 'one'""").SingleAsync();
            var two = await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM users WHERE "Name" = 'two'""").SingleAsync();
            ids = (one, two);

            // User one: three open sessions (last active 10:20, 10:40, 10:30), one closed, one conversation's.
            // User two: one open session, which stays open.
            foreach (var (user, start, last, end, conversation) in new (int, int, int, int?, string?)[]
            {
                (one, 0, 20, null, null), (one, 5, 40, null, null), (one, 10, 30, null, null), (one, 0, 3, 3, null),
                (one, 1, 2, 2, "chat-1"), (two, 0, 15, null, null),
            })
            {
                var (startAt, lastAt, endAt) = (ten.AddMinutes(start), ten.AddMinutes(last), end is int e ? ten.AddMinutes(e) : (DateTime?)null);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO user_sessions ("UserId", "SessionStart", "SessionEnd", "LastActivityAt", "IpAddress", "UserAgent", "TotalRequests", "TotalCost", "TotalTokens", "ConversationId")
                    VALUES ({user}, {startAt}, {endAt}, {lastAt}, '', '', 1, 0.011, 7, {conversation})
                    """);
            }
        });

        await _db.ExecuteAsync(db => db.Database.MigrateAsync());

        var sessions = await _db.QueryAsync(db => db.UserSessions.AsNoTracking().OrderBy(x => x.Id)
            .Select(x => new { x.UserId, x.LastActivityAt, x.SessionEnd }).ToListAsync());
        sessions.Select(x => (x.UserId == ids.One ? "one" : "two", x.LastActivityAt, x.SessionEnd)).Should().Equal(
            ("one", ten.AddMinutes(20), ten.AddMinutes(20)),
            ("one", ten.AddMinutes(40), (DateTime?)null),
            ("one", ten.AddMinutes(30), ten.AddMinutes(30)),
            ("one", ten.AddMinutes(3), ten.AddMinutes(3)),
            ("one", ten.AddMinutes(2), ten.AddMinutes(2)),
            ("two", ten.AddMinutes(15), (DateTime?)null));
    }
}
