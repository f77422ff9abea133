using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public const string OpenSessionIndex = "IX_user_sessions_open";

    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("user_sessions");
        builder.Property(s => s.IpAddress).HasMaxLength(RequestLog.IpAddressMaxLength).IsRequired();
        builder.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength).IsRequired();
        builder.Property(s => s.TotalCost).HasPrecision(20, RequestLog.CostDecimals);
        builder.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);

        builder.Property(s => s.ConversationId).HasMaxLength(UserSession.ConversationIdMaxLength);
        builder.HasIndex(s => s.SessionStart);
        builder.HasIndex(s => new { s.UserId, s.ConversationId }).IsUnique();
        builder.HasIndex(s => new { s.UserId, s.SessionEnd, s.LastActivityAt });

        // One open idle-gap session per user, however many instances write (RequestLogBatchWriter.OpenSessionsAsync).
        builder.HasIndex(s => s.UserId, OpenSessionIndex).IsUnique().HasFilter("""
            "SessionEnd" IS NULL AND "ConversationId" IS NULL
            """);
    }
}
