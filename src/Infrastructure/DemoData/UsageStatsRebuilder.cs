using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.DemoData;

/// <summary>Recomputes <c>model_usage_stats</c> from the raw request logs, in one grouped statement.</summary>
public sealed class UsageStatsRebuilder(DashboardDbContext db)
{
    private const string RebuildSql = """
        DELETE FROM model_usage_stats;
        INSERT INTO model_usage_stats (Date, ModelName, TotalRequests, SuccessfulRequests, FailedRequests, TotalTokens, TotalCost, AvgLatencyMs)
        SELECT date(CreatedAt), ModelName, COUNT(*),
               SUM(CASE WHEN StatusCode < 400 THEN 1 ELSE 0 END),
               SUM(CASE WHEN StatusCode >= 400 THEN 1 ELSE 0 END),
               COALESCE(SUM(TotalTokens), 0),
               CAST(ROUND(COALESCE(SUM(CAST(CostUsd AS REAL)), 0), 4) AS TEXT),
               AVG(LatencyMs)
        FROM request_logs
        WHERE ModelName <> ''
        GROUP BY date(CreatedAt), ModelName;
        """;

    /// <summary>Returns the number of (day, model) rows written.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(RebuildSql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await db.ModelUsageStats.CountAsync(cancellationToken);
    }
}
