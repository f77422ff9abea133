using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>Keys stored before the ShortKeyPrefixes migration showed 10 characters; it cuts them to the marker and 4.</summary>
public sealed class ShortKeyPrefixesMigrationTests : IAsyncLifetime
{
    private readonly DatabaseBeforeMigration _db = new("_ShortKeyPrefixes");

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Migrate_WhenKeysWereStoredWithLongPrefixes_ShouldKeepTheMarkerAndFourCharacters()
    {
        await _db.ExecuteAsync(async db =>
        {
            // Written with SQL: the schema of that time has no column added later (NeverCapture, ParentUserId), which the model has.
            var userCreatedAt = TestDatabase.DefaultNow.UtcDateTime;
            await db.Database.ExecuteSqlAsync($"""INSERT INTO users ("Name", "Role", "CreatedAt") VALUES ('old-keys', 'member', {userCreatedAt})""");
            var user = new { Id = await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM users WHERE "Name" = 'old-keys'""").SingleAsync() };
            foreach (var (prefix, seed) in new[] { ("cd_AbCdEfG", (byte)1), ("test-admin", (byte)2), ("cd_Ab", (byte)3), ("abcd", (byte)4), ("cd_WxYz", (byte)5) })
            {
                var hash = Enumerable.Repeat(seed, 32).ToArray();
                var createdAt = TestDatabase.DefaultNow.UtcDateTime;
                await db.Database.ExecuteSqlAsync($"""INSERT INTO api_keys ("UserId", "Name", "Prefix", "KeyHash", "CreatedAt") VALUES ({user.Id}, {prefix}, {prefix}, {hash}, {createdAt})""");
            }
        });

        await _db.ExecuteAsync(db => db.Database.MigrateAsync());

        (await _db.SqlColumnAsync("""SELECT "Prefix" FROM api_keys ORDER BY "Id" """))
            .Should().Equal("cd_AbCd", "test", "cd_Ab", "abcd", "cd_WxYz");
    }
}
