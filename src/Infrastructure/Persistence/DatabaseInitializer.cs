using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Auth;
using CleanDashboard.Infrastructure.Rollups;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Applies migrations (never drops data), switches SQLite to WAL, and makes sure an admin key exists, all under a
/// start-up lock that works across processes, so instances started at the same moment on one fresh database take
/// turns: the first migrates and creates the admin, the others find both done.
/// </summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<AuthOptions> auth, TimeProvider timeProvider, ILogger<DatabaseInitializer> logger)
{
    internal const string BootstrapAdminName = "admin";

    internal const string DemoSignInKeyName = "demo sign-in";

    private const string RollupsMigrationSuffix = "_Rollups";

    /// <summary>Issue 13's cube, sketches and new dimensions: existing logs are rolled up again once, when it is applied.</summary>
    private const string DashboardCubeMigrationSuffix = "_DashboardCube";

    /// <summary>Issue 17's source column in the cube's key: existing logs are rolled up again once, so OTLP rows are keyed by their source.</summary>
    private const string SourceCubeMigrationSuffix = "_OtlpEndUsersAndSourceCube";

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the schema is migrated; background jobs wait for it before their first query.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Migrates and makes sure an admin key exists; returns a newly generated admin key (to show once), else null.</summary>
    public async Task<string?> InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        EnsureDataDirectory(db);
        await using var startupLock = await AcquireStartupLockAsync(db, cancellationToken);
        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Any(m => m.EndsWith(RollupsMigrationSuffix, StringComparison.Ordinal) || m.EndsWith(DashboardCubeMigrationSuffix, StringComparison.Ordinal) || m.EndsWith(SourceCubeMigrationSuffix, StringComparison.Ordinal))
            && await db.RequestLogs.AnyAsync(cancellationToken))
        {
            // A database from before the rollups: sum its existing logs once, or every dashboard would miss them.
            var rolledUp = await scope.ServiceProvider.GetRequiredService<RollupRebuilder>().RebuildAsync(cancellationToken);
            logger.LogInformation("Rolled up {Count} existing request logs into the new rollup tables", rolledUp);
        }

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        _ready.TrySetResult();
        return await EnsureAdminKeyAsync(db, scope.ServiceProvider.GetRequiredService<IMediator>(), cancellationToken);
    }

    /// <summary>
    /// Demo mode: a fresh admin key for this run, so the start-up banner can always show one.
    /// The previous run's demo key is revoked; keys created otherwise are left alone.
    /// </summary>
    public async Task<string> IssueDemoSignInKeyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        await using var startupLock = await AcquireStartupLockAsync(db, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await db.ApiKeys
            .Where(k => k.Name == DemoSignInKeyName && k.RevokedAt == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), cancellationToken);
        var created = await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new CreateApiKeyCommand(BootstrapAdminName, DemoSignInKeyName), cancellationToken);
        return created.Key;
    }

    private async Task<string?> EnsureAdminKeyAsync(DashboardDbContext db, IMediator mediator, CancellationToken cancellationToken)
    {
        var configuredKey = auth.Value.BootstrapAdminKey;
        var hasAdmin = await db.Users.AnyAsync(u => u.Role == UserRole.Admin, cancellationToken);
        if (hasAdmin && string.IsNullOrEmpty(configuredKey))
        {
            return null;
        }

        var admin = await db.Users.FirstOrDefaultAsync(u => u.Name == BootstrapAdminName, cancellationToken);
        if (admin is null)
        {
            await mediator.Send(new CreateUserCommand(BootstrapAdminName, RoleNames.Admin), cancellationToken);
        }

        if (!string.IsNullOrEmpty(configuredKey))
        {
            var hash = Application.Auth.ApiKeySecret.Hash(configuredKey);
            if (!await db.ApiKeys.AnyAsync(k => k.KeyHash == hash, cancellationToken))
            {
                await mediator.Send(new CreateApiKeyCommand(BootstrapAdminName, "bootstrap (configuration)", configuredKey), cancellationToken);
                logger.LogInformation("The admin key from {Setting} was registered", AuthOptions.BootstrapAdminKeySetting);
            }

            return null;
        }

        var created = await mediator.Send(new CreateApiKeyCommand(BootstrapAdminName, "bootstrap (generated)"), cancellationToken);
        return created.Key;
    }

    private Task<IAsyncDisposable> AcquireStartupLockAsync(DashboardDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsSqlite()
            ? SqliteStartupLock.AcquireAsync(db.Database.GetConnectionString()!, logger, cancellationToken)
            : PostgresStartupLock.AcquireAsync(db, cancellationToken);

    private static void EnsureDataDirectory(DashboardDbContext db)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            Directory.CreateDirectory(directory);
        }
    }
}
