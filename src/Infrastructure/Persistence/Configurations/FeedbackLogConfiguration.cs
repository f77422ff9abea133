using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

public sealed class FeedbackLogConfiguration : IEntityTypeConfiguration<FeedbackLog>
{
    public void Configure(EntityTypeBuilder<FeedbackLog> builder)
    {
        builder.ToTable("feedback_logs", t => t.HasCheckConstraint("CK_feedback_logs_rating", "\"Rating\" BETWEEN 1 AND 5"));
        builder.Property(f => f.FeedbackText).HasMaxLength(FeedbackLog.FeedbackTextMaxLength).IsRequired();
        builder.Property(f => f.ModelName).HasMaxLength(RequestLog.ModelNameMaxLength).IsRequired().HasDefaultValue(string.Empty);
        builder.Property(f => f.Endpoint).HasMaxLength(RequestLog.EndpointMaxLength).IsRequired().HasDefaultValue(string.Empty);
        builder.Property(f => f.Source).HasMaxLength(RequestLog.SourceMaxLength).IsRequired().HasDefaultValue(RequestSources.Gateway);
        builder.HasOne(f => f.RequestLog).WithMany().HasForeignKey(f => f.RequestLogId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(f => f.CreatedAt);
        builder.HasIndex(f => f.RequestLogId).IsUnique();
        builder.HasIndex(f => new { f.Rating, f.CreatedAt });
    }
}
