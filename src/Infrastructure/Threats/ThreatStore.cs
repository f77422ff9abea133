using System.Linq.Expressions;
using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Threats.Queries.ListThreats;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.ReadStores;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Threats;

public sealed class ThreatStore(DashboardDbContext db) : IThreatStore
{
    internal static readonly SortMap<ThreatLog> Sorts = new SortMap<ThreatLog>()
        .Add("id", t => t.Id)
        .Add("threatType", t => t.ThreatType)
        // Severity is stored as its name; sort by rank so "critical" comes after "high", not before it.
        .Add("severity", t => t.Severity == ThreatSeverity.Critical ? 3 : t.Severity == ThreatSeverity.High ? 2 : t.Severity == ThreatSeverity.Medium ? 1 : 0)
        .Add("ipAddress", t => t.IpAddress)
        .Add("description", t => t.Description)
        .Add("resolved", t => t.Resolved)
        .Add("createdAt", t => t.CreatedAt)
        .Add("lastSeenAt", t => t.LastSeenAt)
        .Add("occurrences", t => t.Occurrences)
        .Add("requestLogId", t => t.RequestLogId)
        .Add("matchedText", t => t.MatchedText);

    private static readonly Expression<Func<ThreatLog, ThreatDto>> ToDto = t => new ThreatDto(
        t.Id, t.ThreatType, ThreatSeverities.Name(t.Severity), t.IpAddress, t.Description, t.Resolved, t.CreatedAt, t.LastSeenAt, t.Occurrences, t.RequestLogId, t.MatchedText);

    public Task<PagedList<ThreatDto>> ListAsync(ThreatFilter filter, ListPage page, CancellationToken cancellationToken)
    {
        var query = db.ThreatLogs.AsNoTracking();
        if (filter.From is { } from)
        {
            query = query.Where(t => t.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(t => t.CreatedAt < to);
        }

        if (filter.Severity is { } severity)
        {
            query = query.Where(t => t.Severity == severity);
        }

        if (filter.Resolved is { } resolved)
        {
            query = query.Where(t => t.Resolved == resolved);
        }

        if (filter.ThreatType is { } type)
        {
            query = query.Where(t => t.ThreatType == type);
        }

        if (filter.IpAddress is { } ip)
        {
            query = query.Where(t => t.IpAddress == ip);
        }

        return query.ToPageAsync(Sorts, page, t => t.Id, ToDto, cancellationToken);
    }

    public Task<ThreatDto?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.ThreatLogs.AsNoTracking().Where(t => t.Id == id).Select(ToDto).FirstOrDefaultAsync(cancellationToken);

    public Task<int> SetResolvedAsync(IReadOnlyCollection<long> ids, bool resolved, CancellationToken cancellationToken) =>
        db.ThreatLogs
            .Where(t => ids.Contains(t.Id) && t.Resolved != resolved)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Resolved, resolved), cancellationToken);
}
