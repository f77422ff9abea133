using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.UsageStats.Common;
using MediatR;

namespace CleanDashboard.Application.UsageStats.Queries.ListModelUsageStats;

public sealed record ListModelUsageStatsQuery(
    string? From = null,
    string? To = null,
    string? Model = null,
    string? Page = null,
    string? PageSize = null,
    string? Sort = null,
    string? Desc = null) : IRequest<PagedList<ModelUsageStatsDto>>, IListQuery, IDateRangeQuery;

public sealed class ListModelUsageStatsQueryHandler(IModelUsageStatsReadStore readStore)
    : IRequestHandler<ListModelUsageStatsQuery, PagedList<ModelUsageStatsDto>>
{
    public Task<PagedList<ModelUsageStatsDto>> Handle(ListModelUsageStatsQuery request, CancellationToken cancellationToken) =>
        readStore.ListAsync(
            ModelUsageStatsFilter.From(ListValues.ParseInstant(request.From), ListValues.ParseInstant(request.To), request.Model),
            ListPage.From(request, ModelUsageStatsDto.Columns),
            cancellationToken);
}
