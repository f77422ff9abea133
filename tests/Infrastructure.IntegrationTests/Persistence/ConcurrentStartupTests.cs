using CleanDashboard.Application.Auth;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Two instances, each with its own service provider (as two processes have), initialize one database that does not exist
/// yet at the same moment: both must come up, with one admin user and one admin key between them.
/// </summary>
public sealed class ConcurrentStartupTests
{
    /// <summary>In-process SQLite races less often than two processes do: without the lock, 6 trials could pass there, 30 did not.</summary>
    private const int Trials = 20;

    private const string ConfiguredKey = "concurrent-bootstrap-admin-key-0123456789";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task InitializeAsync_WhenTwoInstancesStartTogetherOnAFreshDatabase_ShouldBothSucceedWithOneGeneratedAdminKey(DatabaseProvider provider)
    {
        for (var trial = 1; trial <= Trials; trial++)
        {
            await using var database = NewDatabase(provider);
            await using var a = Instance(database, configuredKey: null);
            await using var b = Instance(database, configuredKey: null);

            var keys = await InitializeTogetherAsync(a, b);

            keys.Count(k => k is not null).Should().Be(1, $"trial {trial}: exactly one instance generates the admin key and shows it");
            var stored = await AdminKeysAsync(a);
            stored.Should().ContainSingle($"trial {trial}").Which.Should().Equal(ApiKeySecret.Hash(keys.Single(k => k is not null)!));
            (await AdminUserCountAsync(a)).Should().Be(1, $"trial {trial}");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task InitializeAsync_WhenTwoInstancesWithAConfiguredKeyStartTogether_ShouldRegisterTheKeyOnce(DatabaseProvider provider)
    {
        for (var trial = 1; trial <= Trials; trial++)
        {
            await using var database = NewDatabase(provider);
            await using var a = Instance(database, ConfiguredKey);
            await using var b = Instance(database, ConfiguredKey);

            var keys = await InitializeTogetherAsync(a, b);

            keys.Should().Equal([null, null], $"trial {trial}: a configured key is never shown");
            (await AdminKeysAsync(a)).Should().ContainSingle($"trial {trial}").Which.Should().Equal(ApiKeySecret.Hash(ConfiguredKey));
            (await AdminUserCountAsync(a)).Should().Be(1, $"trial {trial}");
        }
    }

    private static async Task<string?[]> InitializeTogetherAsync(ServiceProvider a, ServiceProvider b)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var initializers = new[] { a, b }.Select(services => Task.Run(async () =>
        {
            await start.Task;
            return await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(initializers);
    }

    private static async Task<List<byte[]>> AdminKeysAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().ApiKeys
            .Where(k => k.User!.Role == UserRole.Admin).Select(k => k.KeyHash).ToListAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<int> AdminUserCountAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Users.CountAsync(u => u.Role == UserRole.Admin, TestContext.Current.CancellationToken);
    }

    /// <summary>A database that does not exist yet: a SQLite file in a new folder, or a PostgreSQL database not yet created.</summary>
    private static FreshDatabase NewDatabase(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres && TestDatabaseTarget.PostgresProblem is { } problem)
        {
            Assert.Skip(problem);
        }

        var directory = Path.Combine(TestDatabase.TempRoot, "cleandashboard-tests", Guid.NewGuid().ToString("N"));
        return new FreshDatabase(
            provider == DatabaseProvider.Postgres ? TestDatabaseTarget.CreatePostgres() : TestDatabaseTarget.CreateSqlite($"Data Source={Path.Combine(directory, "dashboard.db")}"),
            directory);
    }

    private static ServiceProvider Instance(FreshDatabase database, string? configuredKey) =>
        TestDatabase.BuildServices(
            new Dictionary<string, string?>(database.Target.Settings) { ["Auth:BootstrapAdminKey"] = configuredKey },
            new FakeTimeProvider(TestDatabase.DefaultNow));

    private sealed class FreshDatabase(TestDatabaseTarget target, string directory) : IAsyncDisposable
    {
        public TestDatabaseTarget Target { get; } = target;

        public async ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            await Target.DisposeAsync();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
