using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.RequestLogs.Common;
using MediatR;

namespace CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;

/// <summary>A page of request logs, filtered by time, model, status or status class, country, user, key, endpoint, minimum latency and source, sorted by any column.</summary>
public sealed record ListRequestLogsQuery(
    string? From = null,
    string? To = null,
    string? Model = null,
    string? Status = null,
    string? Country = null,
    string? UserId = null,
    string? Page = null,
    string? PageSize = null,
    string? Sort = null,
    string? Desc = null,
    string? Unpriced = null,
    string? ApiKeyId = null,
    string? Endpoint = null,
    string? StatusClass = null,
    string? MinLatencyMs = null,
    string? Source = null,
    string? Q = null) : IRequest<PagedList<RequestLogDto>>, IRequestLogFilterQuery;

public sealed class ListRequestLogsQueryHandler(IRequestLogReadStore readStore) : IRequestHandler<ListRequestLogsQuery, PagedList<RequestLogDto>>
{
    public Task<PagedList<RequestLogDto>> Handle(ListRequestLogsQuery request, CancellationToken cancellationToken) =>
        readStore.ListAsync(RequestLogFilter.Parse(request), ListPage.From(request, RequestLogDto.Columns), cancellationToken);
}
