using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Retention;

/// <summary>
/// Deletes request logs older than the retention period in small batches (feedback rows go with them by cascade),
/// then their rollups. The cutoff is a UTC midnight, so no rollup bucket is left holding rows that are gone.
/// </summary>
public sealed class RequestLogRetention(DashboardDbContext db, IOptions<RetentionOptions> options, TimeProvider timeProvider)
{
    /// <summary>Deletes every expired row, one batch per statement with a pause between; returns how many were deleted.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = RollupMath.DayOf(timeProvider.GetUtcNow().UtcDateTime.AddDays(-settings.RequestLogDays));
        long deleted = 0;
        while (true)
        {
            var batch = await db.RequestLogs
                .Where(r => db.RequestLogs
                    .Where(old => old.CreatedAt < cutoff)
                    .OrderBy(old => old.CreatedAt)
                    .Take(settings.BatchSize)
                    .Select(old => old.Id)
                    .Contains(r.Id))
                .ExecuteDeleteAsync(cancellationToken);
            deleted += batch;
            if (batch < settings.BatchSize)
            {
                await DeleteRollupsBeforeAsync(cutoff, cancellationToken);
                return deleted;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(settings.PauseMs), timeProvider, cancellationToken);
        }
    }

    private async Task DeleteRollupsBeforeAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await db.HourlyRequestRollups.Where(r => r.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.DailyRequestRollups.Where(r => r.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.HourlyRequestCubes.Where(r => r.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.DailyRequestCubes.Where(r => r.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.HourlyRequestFacets.Where(r => r.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.DailyRequestFacets.Where(r => r.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.HourlyActiveUsers.Where(u => u.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.DailyActiveUsers.Where(u => u.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
