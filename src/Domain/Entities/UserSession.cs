namespace CleanDashboard.Domain.Entities;

/// <summary>
/// A run of one user's requests with no idle gap longer than the session timeout, or, for ingested spans that name
/// it, one conversation of the user (<see cref="ConversationId"/>) however long its gaps.
/// </summary>
public class UserSession
{
    public const int UserAgentMaxLength = 500;

    public const int ConversationIdMaxLength = 128;

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

    /// <summary><c>gen_ai.conversation.id</c> of the spans this session is; null for a session cut by idle gaps.</summary>
    public string? ConversationId { get; set; }

    public static UserSession Start(int userId, DateTime at, string ipAddress, string userAgent, string? conversationId = null) => new()
    {
        UserId = userId,
        SessionStart = at,
        LastActivityAt = at,
        IpAddress = ipAddress,
        UserAgent = Truncate(userAgent, UserAgentMaxLength),
        ConversationId = conversationId,
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

    /// <summary>Counts a span of the conversation in: its start and end stretch to cover the span, whenever it came.</summary>
    public void RecordInConversation(DateTime at, decimal? cost, int? tokens, string ipAddress, string userAgent)
    {
        if (at < SessionStart)
        {
            SessionStart = at;
        }

        Record(at, cost, tokens, ipAddress, userAgent);
        Close();
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
