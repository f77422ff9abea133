using CleanDashboard.Infrastructure.Tracking.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanDashboard.Infrastructure.Persistence.Configurations;

public sealed class JournalCheckpointConfiguration : IEntityTypeConfiguration<JournalCheckpoint>
{
    public void Configure(EntityTypeBuilder<JournalCheckpoint> builder)
    {
        builder.ToTable("request_log_journal_checkpoints");
        builder.HasKey(c => c.Generation);
        builder.Property(c => c.Generation).ValueGeneratedNever();
    }
}
