using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Alerts;
using CleanDashboard.Domain.Entities.Rollups;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>The application's context; on SQLite it is used as it is, PostgreSQL uses <see cref="PostgresDashboardDbContext"/>.</summary>
public class DashboardDbContext : DbContext
{
    public DashboardDbContext(DbContextOptions<DashboardDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's derived context, whose options are typed to itself.</summary>
    protected DashboardDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<User> Users => Set<User>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<RequestLog> RequestLogs => Set<RequestLog>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<FeedbackLog> FeedbackLogs => Set<FeedbackLog>();

    public DbSet<UpstreamAttemptLog> UpstreamAttemptLogs => Set<UpstreamAttemptLog>();

    public DbSet<RequestCapture> RequestCaptures => Set<RequestCapture>();

    public DbSet<ThreatLog> ThreatLogs => Set<ThreatLog>();

    public DbSet<SpendLimit> SpendLimits => Set<SpendLimit>();

    public DbSet<ModelUsageStats> ModelUsageStats => Set<ModelUsageStats>();

    public DbSet<HourlyRequestRollup> HourlyRequestRollups => Set<HourlyRequestRollup>();

    public DbSet<DailyRequestRollup> DailyRequestRollups => Set<DailyRequestRollup>();

    public DbSet<HourlyActiveUser> HourlyActiveUsers => Set<HourlyActiveUser>();

    public DbSet<DailyActiveUser> DailyActiveUsers => Set<DailyActiveUser>();

    public DbSet<HourlyRequestCube> HourlyRequestCubes => Set<HourlyRequestCube>();

    public DbSet<DailyRequestCube> DailyRequestCubes => Set<DailyRequestCube>();

    public DbSet<HourlyRequestFacet> HourlyRequestFacets => Set<HourlyRequestFacet>();

    public DbSet<DailyRequestFacet> DailyRequestFacets => Set<DailyRequestFacet>();

    public DbSet<HourlyRequestPair> HourlyRequestPairs => Set<HourlyRequestPair>();

    public DbSet<DailyRequestPair> DailyRequestPairs => Set<DailyRequestPair>();

    public DbSet<HourlySessionRollup> HourlySessionRollups => Set<HourlySessionRollup>();

    public DbSet<DailySessionRollup> DailySessionRollups => Set<DailySessionRollup>();

    public DbSet<HourlyFeedbackCube> HourlyFeedbackCubes => Set<HourlyFeedbackCube>();

    public DbSet<DailyFeedbackCube> DailyFeedbackCubes => Set<DailyFeedbackCube>();

    public DbSet<HourlyFeedbackRollup> HourlyFeedbackRollups => Set<HourlyFeedbackRollup>();

    public DbSet<DailyFeedbackRollup> DailyFeedbackRollups => Set<DailyFeedbackRollup>();

    public DbSet<AlertRule> AlertRules => Set<AlertRule>();

    public DbSet<AlertEvent> AlertEvents => Set<AlertEvent>();

    public DbSet<AlertDeliveryAttempt> AlertDeliveryAttempts => Set<AlertDeliveryAttempt>();

    public DbSet<AlertBudgetWarning> AlertBudgetWarnings => Set<AlertBudgetWarning>();

    public DbSet<AlertEvaluationLease> AlertEvaluationLeases => Set<AlertEvaluationLease>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC: stored without offset, read back with Kind=Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
