using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

public sealed class ThreatLogConfiguration : IEntityTypeConfiguration<ThreatLog>
{
    public void Configure(EntityTypeBuilder<ThreatLog> builder)
    {
        builder.ToTable("threat_logs");
        builder.Property(t => t.ThreatType).HasMaxLength(ThreatLog.ThreatTypeMaxLength).IsRequired();
        builder.Property(t => t.Severity).HasConversion(EnumText.Converter<ThreatSeverity>()).HasMaxLength(10);
        builder.Property(t => t.IpAddress).HasMaxLength(RequestLog.IpAddressMaxLength).IsRequired();
        builder.Property(t => t.Description).IsRequired();
        builder.Property(t => t.MatchedText).HasMaxLength(ThreatLog.MatchedTextMaxLength);

        // The request log has its own retention: when it goes, the incident stays and loses only the link.
        builder.HasOne<RequestLog>().WithMany().HasForeignKey(t => t.RequestLogId).OnDelete(DeleteBehavior.SetNull);

        builder.HasIndex(t => t.CreatedAt);
        builder.HasIndex(t => new { t.Resolved, t.Severity });
        builder.HasIndex(t => new { t.ThreatType, t.IpAddress, t.LastSeenAt });
    }
}
