using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Threats.Common;
using MediatR;

namespace CleanDashboard.Application.Threats.Queries.ListThreats;

public sealed record ListThreatsQuery(
    string? From = null,
    string? To = null,
    string? Severity = null,
    string? Resolved = null,
    string? ThreatType = null,
    string? Ip = null,
    string? Page = null,
    string? PageSize = null,
    string? Sort = null,
    string? Desc = null) : IRequest<PagedList<ThreatDto>>, IListQuery, IDateRangeQuery;

public sealed class ListThreatsQueryHandler(IThreatStore store) : IRequestHandler<ListThreatsQuery, PagedList<ThreatDto>>
{
    public Task<PagedList<ThreatDto>> Handle(ListThreatsQuery request, CancellationToken cancellationToken) =>
        store.ListAsync(
            new ThreatFilter(
                ListValues.ParseInstant(request.From),
                ListValues.ParseInstant(request.To),
                ThreatSeverities.Parse(request.Severity),
                ListValues.ParseBool(request.Resolved),
                string.IsNullOrWhiteSpace(request.ThreatType) ? null : request.ThreatType.Trim().ToLowerInvariant(),
                string.IsNullOrWhiteSpace(request.Ip) ? null : request.Ip.Trim()),
            ListPage.From(request, ThreatDto.Columns),
            cancellationToken);
}
