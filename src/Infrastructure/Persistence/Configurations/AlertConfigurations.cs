using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

public sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.ToTable("alert_rules");
        builder.Property(r => r.Name).HasMaxLength(AlertRule.NameMaxLength).IsRequired();
        builder.Property(r => r.Metric).HasMaxLength(AlertRule.MetricMaxLength).IsRequired();
        builder.Property(r => r.Threshold).HasPrecision(28, RequestLog.CostDecimals);
        builder.Property(r => r.LastValue).HasPrecision(28, RequestLog.CostDecimals);
        builder.Property(r => r.FilterModel).HasMaxLength(RequestLog.ModelNameMaxLength);
        builder.Property(r => r.FilterEndpoint).HasMaxLength(RequestLog.EndpointMaxLength);
        builder.Property(r => r.ChannelType).HasMaxLength(AlertRule.ChannelTypeMaxLength).IsRequired();
        builder.Property(r => r.ChannelUrl).HasMaxLength(AlertRule.UrlMaxLength).IsRequired();
        builder.Property(r => r.ChannelSecret).HasMaxLength(AlertRule.SecretMaxLength);
        builder.Property(r => r.State).HasConversion(EnumText.Converter<AlertState>()).HasMaxLength(16);
    }
}

public sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> builder)
    {
        builder.ToTable("alert_events");
        builder.Property(e => e.RuleName).HasMaxLength(AlertRule.NameMaxLength).IsRequired();
        builder.Property(e => e.Metric).HasMaxLength(AlertRule.MetricMaxLength).IsRequired();
        builder.Property(e => e.Value).HasPrecision(28, RequestLog.CostDecimals);
        builder.Property(e => e.Threshold).HasPrecision(28, RequestLog.CostDecimals);
        builder.Property(e => e.State).HasConversion(EnumText.Converter<AlertState>()).HasMaxLength(16);
        builder.Property(e => e.Delivery).HasConversion(EnumText.Converter<AlertDeliveryStatus>()).HasMaxLength(16);
        builder.Property(e => e.Subject).HasMaxLength(AlertEvent.SubjectMaxLength);
        builder.HasMany(e => e.Attempts).WithOne().HasForeignKey(a => a.AlertEventId).OnDelete(DeleteBehavior.Cascade);

        // No foreign key to the rule: the history outlives a deleted rule.
        builder.HasIndex(e => new { e.RuleId, e.At });
        builder.HasIndex(e => e.At);
    }
}

public sealed class AlertDeliveryAttemptConfiguration : IEntityTypeConfiguration<AlertDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<AlertDeliveryAttempt> builder)
    {
        builder.ToTable("alert_delivery_attempts");
        builder.Property(a => a.Error).HasMaxLength(AlertDeliveryAttempt.ErrorMaxLength);
        builder.HasIndex(a => a.AlertEventId);
    }
}

public sealed class AlertBudgetWarningConfiguration : IEntityTypeConfiguration<AlertBudgetWarning>
{
    public void Configure(EntityTypeBuilder<AlertBudgetWarning> builder)
    {
        builder.ToTable("alert_budget_warnings");
        builder.Property(w => w.SubjectKind).HasConversion(EnumText.Converter<Domain.Enums.LimitSubjectKind>()).HasMaxLength(16);

        // Once per period: a second warning of the same level cannot be stored, whichever instance tries.
        builder.HasIndex(w => new { w.RuleId, w.SubjectKind, w.SubjectId, w.PeriodStart, w.Level }).IsUnique().HasDatabaseName("IX_alert_budget_warnings_once_per_level");
    }
}

public sealed class AlertEvaluationLeaseConfiguration : IEntityTypeConfiguration<AlertEvaluationLease>
{
    public void Configure(EntityTypeBuilder<AlertEvaluationLease> builder)
    {
        builder.ToTable("alert_evaluation_lease");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Holder).HasMaxLength(AlertEvaluationLease.HolderMaxLength).IsRequired();

        // The one row exists from the migration on, so taking the lease is always an update, never a racing insert.
        builder.HasData(new AlertEvaluationLease { Id = AlertEvaluationLease.SingletonId, Holder = string.Empty, ExpiresAt = DateTime.UnixEpoch });
    }
}
