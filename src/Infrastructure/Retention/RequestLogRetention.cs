using CleanDashboard.Application.Capture;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Retention;

/// <summary>
/// Deletes captured bodies older than their own retention (<c>Capture:RetentionDays</c>; their search index goes with
/// them), then request logs older than the retention period in small batches (feedback and captures go with them by
/// cascade), then their rollups. The request-log cutoff is a UTC midnight, so no rollup bucket is left holding rows that are gone.
/// </summary>
public sealed class RequestLogRetention(DashboardDbContext db, IOptions<RetentionOptions> options, IOptions<CaptureOptions> capture, TimeProvider timeProvider)
{
    /// <summary>Deletes every expired row, one batch per statement with a pause between; returns how many request logs were deleted.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        await PurgeCapturesAsync(cancellationToken);
        var settings = options.Value;
        var cutoff = RollupMath.DayOf(timeProvider.GetUtcNow().UtcDateTime.AddDays(-settings.RequestLogDays));
        var deleted = await DeleteInBatchesAsync(
            () => db.RequestLogs
                .Where(r => db.RequestLogs
                    .Where(old => old.CreatedAt < cutoff)
                    .OrderBy(old => old.CreatedAt)
                    .Take(settings.BatchSize)
                    .Select(old => old.Id)
                    .Contains(r.Id))
                .ExecuteDeleteAsync(cancellationToken),
            cancellationToken);
        await DeleteRollupsBeforeAsync(cutoff, cancellationToken);
        return deleted;
    }

    /// <summary>Deletes the captures older than <c>Capture:RetentionDays</c>; their request logs stay. Returns how many.</summary>
    public Task<long> PurgeCapturesAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow().UtcDateTime.AddDays(-capture.Value.RetentionDays);
        var batchSize = options.Value.BatchSize;
        return DeleteInBatchesAsync(
            () => db.RequestCaptures
                .Where(c => db.RequestCaptures
                    .Where(old => old.CreatedAt < cutoff)
                    .OrderBy(old => old.CreatedAt)
                    .Take(batchSize)
                    .Select(old => old.Id)
                    .Contains(c.Id))
                .ExecuteDeleteAsync(cancellationToken),
            cancellationToken);
    }

    private async Task<long> DeleteInBatchesAsync(Func<Task<int>> deleteBatch, CancellationToken cancellationToken)
    {
        long deleted = 0;
        while (true)
        {
            var batch = await deleteBatch();
            deleted += batch;
            if (batch < options.Value.BatchSize)
            {
                return deleted;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.PauseMs), timeProvider, cancellationToken);
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
        await db.HourlyRequestPairs.Where(r => r.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.DailyRequestPairs.Where(r => r.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.HourlyActiveUsers.Where(u => u.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.DailyActiveUsers.Where(u => u.BucketStart < cutoff).ExecuteDeleteAsync(cancellationToken);

        // The feedback cubes and rollups lost their expired ratings by trigger with the cascade; what is left at 0 (there, and after re-ratings) goes.
        await db.HourlyFeedbackCubes.Where(c => c.Ratings == 0).ExecuteDeleteAsync(cancellationToken);
        await db.DailyFeedbackCubes.Where(c => c.Ratings == 0).ExecuteDeleteAsync(cancellationToken);
        await db.HourlyFeedbackRollups.Where(r => r.Ratings == 0).ExecuteDeleteAsync(cancellationToken);
        await db.DailyFeedbackRollups.Where(r => r.Ratings == 0).ExecuteDeleteAsync(cancellationToken);
    }
}
