using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

public sealed class SpendLimitConfiguration : IEntityTypeConfiguration<SpendLimit>
{
    public void Configure(EntityTypeBuilder<SpendLimit> builder)
    {
        builder.ToTable("spend_limits");
        builder.Property(l => l.SubjectKind).HasConversion(EnumText.Converter<LimitSubjectKind>()).HasMaxLength(10);
        builder.Property(l => l.BudgetUsd).HasPrecision(20, RequestLog.CostDecimals);
        builder.Property(l => l.BudgetPeriod).HasConversion(EnumText.Converter<BudgetPeriod>()).HasMaxLength(10);
        builder.Ignore(l => l.LimitsNothing);

        builder.HasIndex(l => new { l.SubjectKind, l.SubjectId }).IsUnique();
    }
}
