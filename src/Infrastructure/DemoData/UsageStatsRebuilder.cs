using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Domain.Enums;
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
    public async Task<int> RebuildAsync(CancellationToken cancellationToken) =>
        await ReplaceAsync(db.ModelUsageStats, await GroupsAsync(db.RequestLogs, cancellationToken), cancellationToken);

    /// <summary>The rows of the whole UTC days [<paramref name="fromDay"/>, <paramref name="toDay"/>) only, in the caller's transaction if there is one.</summary>
    public async Task<int> RebuildDaysAsync(DateTime fromDay, DateTime toDay, CancellationToken cancellationToken)
    {
        var (fromDate, toDate) = (DateOnly.FromDateTime(fromDay), DateOnly.FromDateTime(toDay));
        var groups = await GroupsAsync(db.RequestLogs.Where(r => r.CreatedAt >= fromDay && r.CreatedAt < toDay), cancellationToken);
        return await ReplaceAsync(db.ModelUsageStats.Where(s => s.Date >= fromDate && s.Date < toDate), groups, cancellationToken);
    }

    private static async Task<IEnumerable<(DateOnly Date, string Model, int Requests, int Successes, long Tokens, decimal Cost, long LatencyUs)>> GroupsAsync(
        IQueryable<RequestLog> requestLogs, CancellationToken cancellationToken)
    {
        var groups = await requestLogs.AsNoTracking()
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

        return groups.Select(g => (new DateOnly(g.Key.Year, g.Key.Month, g.Key.Day), g.Key.ModelName, g.Requests, g.Successes, g.Tokens, g.Cost, g.LatencyUs));
    }

    /// <summary>The same rows from the daily per-model rollups (which hold the same exact sums), without reading the raw logs.</summary>
    public async Task<int> RebuildFromRollupsAsync(CancellationToken cancellationToken)
    {
        var rollups = await db.DailyRequestRollups.AsNoTracking()
            .Where(r => r.Dimension == RollupDimension.Model)
            .ToListAsync(cancellationToken);
        return await ReplaceAsync(
            db.ModelUsageStats,
            rollups.Select(r => (DateOnly.FromDateTime(r.BucketStart), r.Key, (int)r.Requests, (int)(r.Requests - r.Errors), r.Tokens, RollupMath.FromCostUnits(r.CostUnits), r.LatencyUs)),
            cancellationToken);
    }

    private async Task<int> ReplaceAsync(
        IQueryable<ModelUsageStats> replaced, IEnumerable<(DateOnly Date, string Model, int Requests, int Successes, long Tokens, decimal Cost, long LatencyUs)> rows, CancellationToken cancellationToken)
    {
        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await replaced.ExecuteDeleteAsync(cancellationToken);
        var count = 0;

        // In day and model order, so the new rows' ids do not depend on the order a provider returns its groups in.
        foreach (var row in rows.OrderBy(r => r.Date).ThenBy(r => r.Model, StringComparer.Ordinal))
        {
            var stats = new ModelUsageStats { Date = row.Date, ModelName = row.Model };
            stats.Add(row.Requests, row.Successes, row.Tokens, row.Cost, row.LatencyUs);
            db.ModelUsageStats.Add(stats);
            count++;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        return count;
    }
}
