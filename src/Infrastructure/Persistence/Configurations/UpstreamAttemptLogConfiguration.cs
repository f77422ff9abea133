using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

public sealed class UpstreamAttemptLogConfiguration : IEntityTypeConfiguration<UpstreamAttemptLog>
{
    public void Configure(EntityTypeBuilder<UpstreamAttemptLog> builder)
    {
        builder.ToTable("upstream_attempt_logs");
        builder.Property(a => a.Upstream).HasMaxLength(RequestLog.UpstreamMaxLength).IsRequired();
        builder.Property(a => a.Failure).HasMaxLength(UpstreamAttemptLog.FailureMaxLength).IsRequired();
        builder.HasOne(a => a.RequestLog).WithMany().HasForeignKey(a => a.RequestLogId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(a => a.RequestLogId);
        builder.HasIndex(a => new { a.Upstream, a.CreatedAt });
    }
}
