using CleanDashboard.Application.Auth;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

public sealed class DatabaseInitializerTests
{
    private const string ConfiguredKey = "test-bootstrap-admin-key-0123456789";

    [Fact]
    public async Task InitializeAsync_WhenTheDatabaseDoesNotExist_ShouldCreateItsDirectoryAndApplyTheMigrations()
    {
        await using var database = await EmptyDatabase.StartAsync(ConfiguredKey);
        (await database.Target.ExistsAsync()).Should().BeFalse();
        if (!database.IsPostgres)
        {
            System.IO.Directory.Exists(database.Directory).Should().BeFalse();
        }

        await database.InitializeDatabaseAsync();

        (await database.Target.ExistsAsync()).Should().BeTrue();
        if (!database.IsPostgres)
        {
            File.Exists(database.FilePath).Should().BeTrue();
        }
        await database.ExecuteAsync(async db =>
            (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).Should().BeEmpty());
    }

    [Fact]
    public async Task InitializeAsync_WhenDone_ShouldLeaveTheFileInWalMode()
    {
        await using var database = await EmptyDatabase.StartAsync(ConfiguredKey);
        Assert.SkipWhen(database.IsPostgres, "journal_mode=WAL is a property of a SQLite file; PostgreSQL has no such setting.");

        await database.InitializeDatabaseAsync();

        // journal_mode=WAL is a property of the file: a fresh connection that sets nothing must see it.
        (await database.SqlColumnAsync("PRAGMA journal_mode")).Should().Equal("wal");
    }

    [Fact]
    public async Task InitializeAsync_WhenAKeyIsConfigured_ShouldRegisterItForTheAdminUser()
    {
        await using var database = await EmptyDatabase.StartAsync(ConfiguredKey);

        var generated = await database.InitializeDatabaseAsync();

        generated.Should().BeNull("the configured key is known to its owner and is not shown again");
        var keys = await database.QueryAsync(db => db.ApiKeys.Include(k => k.User).ToListAsync(TestContext.Current.CancellationToken));
        var key = keys.Should().ContainSingle().Subject;
        key.KeyHash.Should().Equal(ApiKeySecret.Hash(ConfiguredKey));
        key.User!.Name.Should().Be("admin");
        key.User.Role.Should().Be(UserRole.Admin);
        key.RevokedAt.Should().BeNull();
        (await database.SqlColumnAsync("SELECT \"Role\" FROM users WHERE \"Name\" = 'admin'")).Should().Equal("admin");
    }

    [Fact]
    public async Task InitializeAsync_WhenRunAgain_ShouldKeepTheDataAndNotDuplicateTheAdmin()
    {
        await using var database = await EmptyDatabase.StartAsync(ConfiguredKey);
        await database.InitializeDatabaseAsync();
        await database.ExecuteAsync(db =>
        {
            db.RequestLogs.Add(RequestLogBuilder.ChatAt(TestDatabase.DefaultNow.UtcDateTime).Build());
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        await database.InitializeDatabaseAsync();

        (await database.QueryAsync(db => db.RequestLogs.CountAsync(TestContext.Current.CancellationToken))).Should().Be(1);
        (await database.QueryAsync(db => db.Users.CountAsync(TestContext.Current.CancellationToken))).Should().Be(1);
        (await database.QueryAsync(db => db.ApiKeys.CountAsync(TestContext.Current.CancellationToken))).Should().Be(1);
    }

    [Fact]
    public async Task InitializeAsync_WhenNoKeyIsConfiguredAndThereIsNoAdmin_ShouldCreateTheAdminWithAGeneratedKey()
    {
        await using var database = await EmptyDatabase.StartAsync(configuredKey: null);

        var generated = await database.InitializeDatabaseAsync();
        var second = await database.InitializeDatabaseAsync();

        generated.Should().StartWith("cd_");
        second.Should().BeNull("an admin exists now, so nothing new is generated");
        var keys = await database.QueryAsync(db => db.ApiKeys.Include(k => k.User).ToListAsync(TestContext.Current.CancellationToken));
        var key = keys.Should().ContainSingle().Subject;
        key.User!.Role.Should().Be(UserRole.Admin);
        key.KeyHash.Should().Equal(ApiKeySecret.Hash(generated!), "only the hash of the shown key is stored");
    }

    /// <summary>A database (file, or PostgreSQL database) that does not exist yet: the initializer is what creates it.</summary>
    private sealed class EmptyDatabase(Dictionary<string, string?> settings) : TestDatabase(settings)
    {
        public static async Task<EmptyDatabase> StartAsync(string? configuredKey)
        {
            var database = new EmptyDatabase(new Dictionary<string, string?> { ["Auth:BootstrapAdminKey"] = configuredKey });
            await database.InitializeAsync();
            return database;
        }

        public Task<string?> InitializeDatabaseAsync() =>
            Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);

        protected override Task<bool> PrepareDatabaseAsync() => Task.FromResult(TestDatabaseTarget.ServerAvailable);

        protected override Task CreateSchemaAsync() => Task.CompletedTask;
    }
}
