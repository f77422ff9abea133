using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.DemoData;

/// <summary>
/// Recomputes <c>model_usage_stats</c> from the raw request logs with one grouped query. It sums the same exact
/// quantities (counts, tokens, decimal cost, whole microseconds) as the background writer, so both ways agree to the last digit.
/// </summary>
public sealed class UsageStatsRebuilder(DashboardDbContext db)
{
    /// <summary>Returns the number of (day, model) rows written.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        var groups = await db.RequestLogs.AsNoTracking()
            .Where(r => r.ModelName != string.Empty)
            .GroupBy(r => new { r.CreatedAt.Year, r.CreatedAt.Month, r.CreatedAt.Day, r.ModelName })
            .Select(g => new
            {
                g.Key,
                Requests = g.Count(),
                Successes = g.Count(r => r.StatusCode < 400),
                Tokens = g.Sum(r => (long?)r.TotalTokens) ?? 0,
                Cost = g.Sum(r => r.CostUsd) ?? 0m,
                LatencyUs = g.Sum(r => (long)Math.Round(r.LatencyMs * 1000)),
            })
            .ToListAsync(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ModelUsageStats.ExecuteDeleteAsync(cancellationToken);
        // In day and model order, so the new rows' ids do not depend on the order a provider returns its groups in.
        foreach (var g in groups.OrderBy(g => (g.Key.Year, g.Key.Month, g.Key.Day)).ThenBy(g => g.Key.ModelName, StringComparer.Ordinal))
        {
            var stats = new ModelUsageStats { Date = new DateOnly(g.Key.Year, g.Key.Month, g.Key.Day), ModelName = g.Key.ModelName };
            stats.Add(g.Requests, g.Successes, g.Tokens, g.Cost, g.LatencyUs);
            db.ModelUsageStats.Add(stats);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return groups.Count;
    }
}
