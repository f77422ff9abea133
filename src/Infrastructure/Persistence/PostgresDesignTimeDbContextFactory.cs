using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add … --context PostgresDashboardDbContext</c> build the PostgreSQL model without a
/// server or the web host; the connection string is never opened when a migration is generated.
/// </summary>
public sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresDashboardDbContext>
{
    public PostgresDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql("Host=localhost;Database=cleandashboard").Options);
}
