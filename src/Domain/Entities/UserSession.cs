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

    public static UserSession Start(int userId, DateTime at, string ipAddress, string userAgent) => new()
    {
        UserId = userId,
        SessionStart = at,
        LastActivityAt = at,
        IpAddress = ipAddress,
        UserAgent = Truncate(userAgent, UserAgentMaxLength),
    };

    /// <summary>True when a request at <paramref name="at"/> comes after an idle gap longer than the timeout.</summary>
    public bool HasExpiredAt(DateTime at, TimeSpan idleTimeout) => at - LastActivityAt > idleTimeout;

    /// <summary>Counts one request into the session and keeps its address and user agent current.</summary>
    public void Record(DateTime at, decimal? cost, int? tokens, string ipAddress, string userAgent)
    {
        if (at > LastActivityAt)
        {
            LastActivityAt = at;
        }

        TotalRequests++;
        TotalCost += cost ?? 0m;
        TotalTokens += tokens ?? 0;
        if (ipAddress.Length > 0)
        {
            IpAddress = ipAddress;
        }

        if (userAgent.Length > 0)
        {
            UserAgent = Truncate(userAgent, UserAgentMaxLength);
        }
    }

    /// <summary>Ends the session at its last request.</summary>
    public void Close() => SessionEnd = LastActivityAt;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
