using System.Collections.Concurrent;
using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// Each user's latest session as last committed by the writer, so a batch does not read sessions back from
/// the database. Only the single background writer changes it, and only after its transaction committed.
/// </summary>
public sealed class OpenSessionCache
{
    private readonly ConcurrentDictionary<int, UserSession> _sessions = new();

    public bool TryGet(int userId, out UserSession session)
    {
        if (_sessions.TryGetValue(userId, out var cached))
        {
            session = Copy(cached);
            return true;
        }

        session = null!;
        return false;
    }

    public void Store(UserSession session) => _sessions[session.UserId] = Copy(session);

    public void Clear() => _sessions.Clear();

    private static UserSession Copy(UserSession s) => new()
    {
        Id = s.Id,
        UserId = s.UserId,
        SessionStart = s.SessionStart,
        SessionEnd = s.SessionEnd,
        LastActivityAt = s.LastActivityAt,
        IpAddress = s.IpAddress,
        UserAgent = s.UserAgent,
        TotalRequests = s.TotalRequests,
        TotalCost = s.TotalCost,
        TotalTokens = s.TotalTokens,
    };
}
