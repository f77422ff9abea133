using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

public sealed class RequestLogConfiguration : IEntityTypeConfiguration<RequestLog>
{
    public void Configure(EntityTypeBuilder<RequestLog> builder)
    {
        builder.ToTable("request_logs");
        builder.Property(r => r.Endpoint).HasMaxLength(RequestLog.EndpointMaxLength).IsRequired();
        builder.Property(r => r.Method).HasMaxLength(RequestLog.MethodMaxLength).IsRequired();
        builder.Property(r => r.ModelName).HasMaxLength(RequestLog.ModelNameMaxLength).IsRequired();
        builder.Property(r => r.CostUsd).HasPrecision(20, RequestLog.CostDecimals);
        builder.Property(r => r.UsageEstimated).HasDefaultValue(false);
        builder.Property(r => r.CountryCode).HasMaxLength(RequestLog.CountryCodeLength).IsRequired();
        builder.Property(r => r.IpAddress).HasMaxLength(RequestLog.IpAddressMaxLength);
        builder.Property(r => r.Upstream).HasMaxLength(RequestLog.UpstreamMaxLength);
        builder.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(r => r.IsSuccess);

        // The dashboard groups rollups, not these rows (docs/decisions/031-rollups.md): time and user are all the raw reads need.
        builder.HasIndex(r => r.CreatedAt);
        builder.HasIndex(r => new { r.UserId, r.CreatedAt });
        builder.HasIndex(r => new { r.ApiKeyId, r.CreatedAt });
    }
}
