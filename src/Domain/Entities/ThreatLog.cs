using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities;

/// <summary>One security incident; repeats within a window raise <see cref="Occurrences"/> instead of adding rows.</summary>
public class ThreatLog
{
    public const int ThreatTypeMaxLength = 50;

    /// <summary>The longest excerpt of a request kept as the matched text.</summary>
    public const int MatchedTextMaxLength = 300;

    public long Id { get; set; }

    public string ThreatType { get; set; } = string.Empty;

    public ThreatSeverity Severity { get; set; }

    public string IpAddress { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public bool Resolved { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public int Occurrences { get; set; } = 1;

    /// <summary>The latest request log that raised this incident (null when that request was not tracked, or for address-based threats).</summary>
    public long? RequestLogId { get; set; }

    /// <summary>The text around the phrase that matched in that request, redacted like a capture; null when nothing was matched in a body.</summary>
    public string? MatchedText { get; set; }

    /// <summary>Points the incident at the latest request seen with it: that one's capture outlives the first one's retention.</summary>
    public void LinkRequest(long? requestLogId, string? matchedText)
    {
        if (requestLogId is not null)
        {
            RequestLogId = requestLogId;
        }

        if (matchedText is not null)
        {
            MatchedText = matchedText;
        }
    }

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
