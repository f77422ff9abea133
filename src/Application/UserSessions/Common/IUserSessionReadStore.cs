using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.UserSessions.Queries.ListUserSessions;

namespace CleanDashboard.Application.UserSessions.Common;

public interface IUserSessionReadStore
{
    Task<PagedList<UserSessionDto>> ListAsync(UserSessionFilter filter, ListPage page, CancellationToken cancellationToken);

    Task<UserSessionDto?> FindAsync(long id, CancellationToken cancellationToken);
}

/// <summary>Session filters: <c>From &lt;= SessionStart &lt; To</c>, user, and open (no end yet) or closed.</summary>
public sealed record UserSessionFilter(DateTime? From, DateTime? To, int? UserId, bool? Active);
