using CleanDashboard.Application.Capture;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Retention;

/// <summary>
/// Deletes captured bodies older than their own retention (<c>Capture:RetentionDays</c>; their search index goes with
/// them), then request logs older than the retention period — whole day partitions on PostgreSQL
/// (docs/decisions/129-request-log-partitions.md), small batches otherwise — with their feedback, captures and upstream
/// attempts, then their rollups. The request-log cutoff is a UTC midnight, so no rollup bucket is left holding rows that are gone.
/// </summary>
public sealed class RequestLogRetention(
    DashboardDbContext db,
    RequestLogPartitions partitions,
    IOptions<RetentionOptions> options,
    IOptions<CaptureOptions> capture,
    TimeProvider timeProvider)
{
    /// <summary>
    /// Deletes every expired row: on PostgreSQL whole day partitions first, then what is left (rows of the default
    /// partition; every row on SQLite) one batch per transaction with a pause between; returns how many request logs went.
    /// </summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        await PurgeCapturesAsync(cancellationToken);
        var settings = options.Value;
        var cutoff = RollupMath.DayOf(timeProvider.GetUtcNow().UtcDateTime.AddDays(-settings.RequestLogDays));
        var deleted = await partitions.DropExpiredAsync(cutoff, cancellationToken);
        deleted += await DeleteInBatchesAsync(() => DeleteRequestLogBatchAsync(cutoff, cancellationToken), cancellationToken);
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

    /// <summary>
    /// The oldest expired request logs, at most one batch, with what belongs to them: their feedback, captures and
    /// upstream attempts are deleted and their threats unlinked explicitly, as PostgreSQL's partitioned table has no
    /// foreign keys to cascade by (on SQLite the cascade then finds nothing left).
    /// </summary>
    private async Task<int> DeleteRequestLogBatchAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.RequestLogs
            .Where(r => r.CreatedAt < cutoff)
            .OrderBy(r => r.CreatedAt)
            .Take(options.Value.BatchSize)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        await db.FeedbackLogs.Where(f => ids.Contains(f.RequestLogId)).ExecuteDeleteAsync(cancellationToken);
        await db.RequestCaptures.Where(c => ids.Contains(c.RequestLogId)).ExecuteDeleteAsync(cancellationToken);
        await db.UpstreamAttemptLogs.Where(a => ids.Contains(a.RequestLogId)).ExecuteDeleteAsync(cancellationToken);
        await db.ThreatLogs
            .Where(t => t.RequestLogId != null && ids.Contains(t.RequestLogId.Value))
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RequestLogId, (long?)null), cancellationToken);
        var deleted = await db.RequestLogs.Where(r => r.CreatedAt < cutoff && ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
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

        // The feedback cubes and rollups lost their expired ratings by trigger when those were deleted; what is left at 0 (there, and after re-ratings) goes.
        await db.HourlyFeedbackCubes.Where(c => c.Ratings == 0).ExecuteDeleteAsync(cancellationToken);
        await db.DailyFeedbackCubes.Where(c => c.Ratings == 0).ExecuteDeleteAsync(cancellationToken);
        await db.HourlyFeedbackRollups.Where(r => r.Ratings == 0).ExecuteDeleteAsync(cancellationToken);
        await db.DailyFeedbackRollups.Where(r => r.Ratings == 0).ExecuteDeleteAsync(cancellationToken);
    }
}
