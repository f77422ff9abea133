using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

/// <summary>The full-text index is not in the model: the migrations create it per provider (<see cref="CaptureSearchSql"/>).</summary>
public sealed class RequestCaptureConfiguration : IEntityTypeConfiguration<RequestCapture>
{
    public void Configure(EntityTypeBuilder<RequestCapture> builder)
    {
        builder.ToTable("request_captures");
        builder.Property(c => c.RequestBody).IsRequired();
        builder.Property(c => c.ResponseText).IsRequired();
        builder.Property(c => c.Redactions).HasMaxLength(RequestCapture.RedactionsMaxLength).IsRequired();
        builder.Property(c => c.ContentType).HasMaxLength(RequestCapture.ContentTypeMaxLength).IsRequired();
        builder.Property(c => c.UserAgent).HasMaxLength(RequestCapture.UserAgentMaxLength).IsRequired();
        builder.HasOne(c => c.RequestLog).WithMany().HasForeignKey(c => c.RequestLogId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(c => c.RequestLogId).IsUnique();
        builder.HasIndex(c => c.CreatedAt);
    }
}
