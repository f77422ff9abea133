using System.Linq.Expressions;
using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.UserSessions.Common;
using CleanDashboard.Application.UserSessions.Queries.ListUserSessions;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

public sealed class UserSessionReadStore(DashboardDbContext db) : IUserSessionReadStore
{
    internal static readonly SortMap<UserSession> Sorts = new SortMap<UserSession>()
        .Add("id", s => s.Id)
        .Add("userId", s => s.UserId)
        .Add("userName", s => s.User!.Name)
        .Add("sessionStart", s => s.SessionStart)
        .Add("sessionEnd", s => s.SessionEnd)
        .Add("lastActivityAt", s => s.LastActivityAt)
        .Add("ipAddress", s => s.IpAddress)
        .Add("userAgent", s => s.UserAgent)
        .Add("totalRequests", s => s.TotalRequests)
        .Add("totalCost", s => s.TotalCost)
        .Add("totalTokens", s => s.TotalTokens);

    private static readonly Expression<Func<UserSession, UserSessionDto>> ToDto = s => new UserSessionDto(
        s.Id, s.UserId, s.User!.Name, s.SessionStart, s.SessionEnd, s.LastActivityAt, s.IpAddress, s.UserAgent, s.TotalRequests, s.TotalCost, s.TotalTokens);

    public Task<PagedList<UserSessionDto>> ListAsync(UserSessionFilter filter, ListPage page, CancellationToken cancellationToken)
    {
        var query = db.UserSessions.AsNoTracking();
        if (filter.From is { } from)
        {
            query = query.Where(s => s.SessionStart >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(s => s.SessionStart < to);
        }

        if (filter.UserId is { } userId)
        {
            query = query.Where(s => s.UserId == userId);
        }

        if (filter.Active is { } active)
        {
            query = active ? query.Where(s => s.SessionEnd == null) : query.Where(s => s.SessionEnd != null);
        }

        return query.ToPageAsync(Sorts, page, s => s.Id, ToDto, cancellationToken);
    }

    public Task<UserSessionDto?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.UserSessions.AsNoTracking().Where(s => s.Id == id).Select(ToDto).FirstOrDefaultAsync(cancellationToken);
}
