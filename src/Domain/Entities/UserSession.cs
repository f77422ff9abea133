namespace CleanDashboard.Domain.Entities;

/// <summary>A run of one user's requests with no idle gap longer than the session timeout.</summary>
public class UserSession
{
    public const int UserAgentMaxLength = 500;

    public long Id { get; set; }

    public int UserId { get; set; }

    public User? User { get; set; }

    public DateTime SessionStart { get; set; }

    /// <summary>Set when the session is closed: the time of its last request.</summary>
    public DateTime? SessionEnd { get; set; }

    public DateTime LastActivityAt { get; set; }

    public string IpAddress { get; set; } = string.Empty;

    public string UserAgent { get; set; } = string.Empty;

    public int TotalRequests { get; set; }

    public decimal TotalCost { get; set; }

    public long TotalTokens { get; set; }
}
