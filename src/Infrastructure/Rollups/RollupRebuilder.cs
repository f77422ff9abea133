using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanDashboard.Infrastructure.Rollups;

/// <summary>
/// Recomputes every rollup table from the raw request logs and sessions, in one transaction, through the same
/// <see cref="RollupBatch"/> arithmetic the background writer uses, so both ways give the same rows. The raw rows
/// are streamed; only their sums are held (a few rows per hour and dimension), and written once the reads are done.
/// </summary>
public sealed class RollupRebuilder(DashboardDbContext db)
{
    /// <summary>Returns how many request logs were rolled up.</summary>
    public async Task<long> RebuildAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ClearAsync(db, cancellationToken);
            await using var writer = new RollupWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction());

            long requests = 0;
            var batch = new RollupBatch();
            var logs = db.RequestLogs.AsNoTracking()
                .Select(r => new { r.CreatedAt, r.ModelName, r.CountryCode, r.StatusCode, r.LatencyMs, r.TotalTokens, r.CostUsd, r.UserId })
                .AsAsyncEnumerable();
            await foreach (var r in logs.WithCancellation(cancellationToken))
            {
                batch.AddRequest(r.CreatedAt, r.ModelName, r.CountryCode, r.StatusCode, r.LatencyMs, r.TotalTokens, r.CostUsd, r.UserId);
                requests++;
            }

            var sessions = db.UserSessions.AsNoTracking()
                .Select(s => new { s.SessionStart, s.TotalRequests, s.TotalCost })
                .AsAsyncEnumerable();
            await foreach (var s in sessions.WithCancellation(cancellationToken))
            {
                batch.AddSession(s.SessionStart, 1, s.TotalRequests, s.TotalCost);
            }

            await writer.WriteAsync(batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return requests;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Empties every rollup table (inside the caller's transaction, if any).</summary>
    public static async Task ClearAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        await db.HourlyRequestRollups.ExecuteDeleteAsync(cancellationToken);
        await db.DailyRequestRollups.ExecuteDeleteAsync(cancellationToken);
        await db.HourlyActiveUsers.ExecuteDeleteAsync(cancellationToken);
        await db.DailyActiveUsers.ExecuteDeleteAsync(cancellationToken);
        await db.HourlySessionRollups.ExecuteDeleteAsync(cancellationToken);
        await db.DailySessionRollups.ExecuteDeleteAsync(cancellationToken);
    }
}
