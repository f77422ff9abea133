using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add … --context DashboardDbContext</c> build the SQLite model; without it the tools
/// fall back to <see cref="PostgresDesignTimeDbContextFactory"/> (its context derives from this one) and write a
/// PostgreSQL migration into the SQLite folder. The file is never opened when a migration is generated.
/// </summary>
public sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
