using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// A database migrated up to the migration before the one whose name ends with <paramref name="migrationSuffix"/>, on this
/// provider: a migration's data step is tested by writing rows of the schema before it, then migrating. Where this
/// provider has no such migration (a PostgreSQL-only one, on SQLite) the database is migrated fully and <see cref="HasMigration"/> is false.
/// </summary>
public sealed class DatabaseBeforeMigration(string migrationSuffix) : TestDatabase
{
    protected override async Task CreateSchemaAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var index = migrations.FindIndex(m => m.EndsWith(migrationSuffix, StringComparison.Ordinal));
        HasMigration = index >= 0;
        Previous = HasMigration ? migrations[index - 1] : null;
        await db.GetService<IMigrator>().MigrateAsync(Previous);
    }

    /// <summary>False when this provider has no migration of that name.</summary>
    public bool HasMigration { get; private set; }

    /// <summary>The migration before it, which the database is at until the test migrates.</summary>
    public string? Previous { get; private set; }
}
