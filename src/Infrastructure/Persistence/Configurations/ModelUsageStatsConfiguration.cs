using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

public sealed class ModelUsageStatsConfiguration : IEntityTypeConfiguration<ModelUsageStats>
{
    public void Configure(EntityTypeBuilder<ModelUsageStats> builder)
    {
        builder.ToTable("model_usage_stats");
        builder.Property(s => s.ModelName).HasMaxLength(RequestLog.ModelNameMaxLength).IsRequired();
        builder.Property(s => s.TotalCost).HasPrecision(22, RequestLog.CostDecimals);
        builder.HasIndex(s => new { s.Date, s.ModelName }).IsUnique();
    }
}
