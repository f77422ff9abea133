using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Persistence;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<RequestLog> RequestLogs => Set<RequestLog>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<FeedbackLog> FeedbackLogs => Set<FeedbackLog>();

    public DbSet<ThreatLog> ThreatLogs => Set<ThreatLog>();

    public DbSet<ModelUsageStats> ModelUsageStats => Set<ModelUsageStats>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC: stored without offset, read back with Kind=Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
