namespace CleanDashboard.Infrastructure.Tracking.Journal;

/// <summary>
/// How many records of one journal generation are already in the database; written in the same transaction as
/// their rows, so a crash between that commit and the journal's reset cannot replay them twice.
/// </summary>
public sealed class JournalCheckpoint
{
    public Guid Generation { get; set; }

    public long ReplayedRecords { get; set; }

    public DateTime UpdatedAt { get; set; }
}
