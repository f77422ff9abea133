using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities;

/// <summary>One security incident; repeats within a window raise <see cref="Occurrences"/> instead of adding rows.</summary>
public class ThreatLog
{
    public const int ThreatTypeMaxLength = 50;

    public long Id { get; set; }

    public string ThreatType { get; set; } = string.Empty;

    public ThreatSeverity Severity { get; set; }

    public string IpAddress { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public bool Resolved { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public int Occurrences { get; set; } = 1;

    /// <summary>Counts more sightings of the same incident; severity only ever rises.</summary>
    public void Recur(int occurrences, DateTime seenAt, ThreatSeverity severity, string description)
    {
        Occurrences += occurrences;
        if (seenAt > LastSeenAt)
        {
            LastSeenAt = seenAt;
        }

        if (severity > Severity)
        {
            Severity = severity;
            Description = description;
        }
    }
}
