using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// A database migrated up to the migration before the one whose name ends with <paramref name="migrationSuffix"/>, on this
/// provider: a migration's data step is tested by writing rows of the schema before it, then migrating.
/// </summary>
public sealed class DatabaseBeforeMigration(string migrationSuffix) : TestDatabase
{
    protected override async Task CreateSchemaAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var previous = migrations[migrations.FindIndex(m => m.EndsWith(migrationSuffix, StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(previous);
    }
}
