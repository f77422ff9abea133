using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// The same model on PostgreSQL, as its own type so that its migrations (in <c>Migrations/Postgres</c>) are kept
/// apart from SQLite's. Text columns use the "C" collation: byte order, as SQLite's BINARY, so sorting, grouping
/// and equality give the same answers on both providers whatever the server's locale.
/// </summary>
public sealed class PostgresDashboardDbContext(DbContextOptions<PostgresDashboardDbContext> options) : DashboardDbContext(options)
{
    public const string TextCollation = "C";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => (p.GetValueConverter()?.ProviderClrType ?? p.ClrType) == typeof(string)))
        {
            property.SetCollation(TextCollation);
        }
    }
}
