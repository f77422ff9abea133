using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Retention;

/// <summary>Deletes request logs older than the retention period in small batches; feedback rows go with them by cascade.</summary>
public sealed class RequestLogRetention(DashboardDbContext db, IOptions<RetentionOptions> options, TimeProvider timeProvider)
{
    /// <summary>Deletes every expired row, one batch per statement with a pause between; returns how many were deleted.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = timeProvider.GetUtcNow().UtcDateTime.AddDays(-settings.RequestLogDays);
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
                return deleted;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(settings.PauseMs), timeProvider, cancellationToken);
        }
    }
}
