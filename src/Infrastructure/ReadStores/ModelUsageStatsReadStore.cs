using System.Linq.Expressions;
using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.UsageStats.Common;
using CleanDashboard.Application.UsageStats.Queries.ListModelUsageStats;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

public sealed class ModelUsageStatsReadStore(DashboardDbContext db) : IModelUsageStatsReadStore
{
    internal static readonly SortMap<ModelUsageStats> Sorts = new SortMap<ModelUsageStats>()
        .Add("id", s => s.Id)
        .Add("date", s => s.Date)
        .Add("modelName", s => s.ModelName)
        .Add("totalRequests", s => s.TotalRequests)
        .Add("successfulRequests", s => s.SuccessfulRequests)
        .Add("failedRequests", s => s.FailedRequests)
        .Add("totalTokens", s => s.TotalTokens)
        .Add("totalCost", s => s.TotalCost)
        .Add("avgLatencyMs", s => s.AvgLatencyMs);

    private static readonly Expression<Func<ModelUsageStats, ModelUsageStatsDto>> ToDto = s => new ModelUsageStatsDto(
        s.Id, s.Date, s.ModelName, s.TotalRequests, s.SuccessfulRequests, s.FailedRequests, s.TotalTokens, s.TotalCost, s.AvgLatencyMs);

    public Task<PagedList<ModelUsageStatsDto>> ListAsync(ModelUsageStatsFilter filter, ListPage page, CancellationToken cancellationToken)
    {
        var query = db.ModelUsageStats.AsNoTracking();
        if (filter.FromDate is { } from)
        {
            query = query.Where(s => s.Date >= from);
        }

        if (filter.ToDate is { } to)
        {
            query = query.Where(s => s.Date < to);
        }

        if (filter.Model is { } model)
        {
            query = query.Where(s => s.ModelName == model);
        }

        return query.ToPageAsync(Sorts, page, s => s.Id, ToDto, cancellationToken);
    }

    public Task<ModelUsageStatsDto?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.ModelUsageStats.AsNoTracking().Where(s => s.Id == id).Select(ToDto).FirstOrDefaultAsync(cancellationToken);
}
