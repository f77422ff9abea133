using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.UsageStats.Common;
using CleanDashboard.Application.UsageStats.Queries.ListModelUsageStats;
using MediatR;

namespace CleanDashboard.Application.UsageStats.Queries.GetModelUsageStats;

public sealed record GetModelUsageStatsQuery(long Id) : IRequest<ModelUsageStatsDto>;

public sealed class GetModelUsageStatsQueryHandler(IModelUsageStatsReadStore readStore) : IRequestHandler<GetModelUsageStatsQuery, ModelUsageStatsDto>
{
    public async Task<ModelUsageStatsDto> Handle(GetModelUsageStatsQuery request, CancellationToken cancellationToken) =>
        await readStore.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Model usage stats", request.Id);
}
