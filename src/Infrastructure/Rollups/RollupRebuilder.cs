using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanDashboard.Infrastructure.Rollups;

/// <summary>
/// Recomputes every rollup table from the raw request logs and sessions, in one transaction, through the same
/// <see cref="RollupBatch"/> arithmetic the background writer uses, so both ways give the same rows; the feedback
/// cubes and rollups, which the database's triggers keep, by the SQL the migration filled them with. The raw rows
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
            var requests = await RollUpAsync(db.RequestLogs, db.UserSessions, transaction, cancellationToken);
            await db.Database.ExecuteSqlRawAsync(FeedbackCubeSql.Populate(postgres: !db.Database.IsSqlite()), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(FeedbackCubeSql.PopulateRollups(postgres: !db.Database.IsSqlite()), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return requests;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Recomputes the rollups of the whole UTC days [<paramref name="fromDay"/>, <paramref name="toDay"/>) from the request
    /// logs created and the sessions started in them, inside the caller's transaction. Returns how many request logs were rolled up.
    /// </summary>
    public async Task<long> RebuildDaysAsync(DateTime fromDay, DateTime toDay, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Rebuilding some days needs the caller's transaction.");
        await ClearAsync(db.HourlyRequestRollups, fromDay, toDay, cancellationToken);
        await ClearAsync(db.DailyRequestRollups, fromDay, toDay, cancellationToken);
        await ClearAsync(db.HourlyRequestCubes, fromDay, toDay, cancellationToken);
        await ClearAsync(db.DailyRequestCubes, fromDay, toDay, cancellationToken);
        await ClearAsync(db.HourlyRequestFacets, fromDay, toDay, cancellationToken);
        await ClearAsync(db.DailyRequestFacets, fromDay, toDay, cancellationToken);
        await ClearAsync(db.HourlyRequestPairs, fromDay, toDay, cancellationToken);
        await ClearAsync(db.DailyRequestPairs, fromDay, toDay, cancellationToken);
        await ClearAsync(db.HourlyActiveUsers, fromDay, toDay, cancellationToken);
        await ClearAsync(db.DailyActiveUsers, fromDay, toDay, cancellationToken);
        await ClearAsync(db.HourlySessionRollups, fromDay, toDay, cancellationToken);
        await ClearAsync(db.DailySessionRollups, fromDay, toDay, cancellationToken);
        return await RollUpAsync(
            db.RequestLogs.Where(r => r.CreatedAt >= fromDay && r.CreatedAt < toDay),
            db.UserSessions.Where(s => s.SessionStart >= fromDay && s.SessionStart < toDay),
            transaction,
            cancellationToken);
    }

    private async Task<long> RollUpAsync(IQueryable<RequestLog> requestLogs, IQueryable<UserSession> userSessions, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var writer = new RollupWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        long requests = 0;
        var batch = new RollupBatch();
        var logs = requestLogs.AsNoTracking()
            .Select(r => new RolledRequest(r.CreatedAt, r.ModelName, r.CountryCode, r.StatusCode, r.LatencyMs, r.TtftMs, r.TotalTokens, r.CostUsd, r.UserId, r.ApiKeyId, r.Endpoint, r.Source))
            .AsAsyncEnumerable();
        await foreach (var r in logs.WithCancellation(cancellationToken))
        {
            batch.AddRequest(r);
            requests++;
        }

        var sessions = userSessions.AsNoTracking()
            .Select(s => new { s.SessionStart, s.TotalRequests, s.TotalCost })
            .AsAsyncEnumerable();
        await foreach (var s in sessions.WithCancellation(cancellationToken))
        {
            batch.AddSession(s.SessionStart, 1, s.TotalRequests, s.TotalCost);
        }

        await writer.WriteAsync(batch, cancellationToken);
        return requests;
    }

    private static Task<int> ClearAsync<T>(DbSet<T> rollups, DateTime fromDay, DateTime toDay, CancellationToken cancellationToken)
        where T : class =>
        rollups.Where(r => EF.Property<DateTime>(r, nameof(RequestRollup.BucketStart)) >= fromDay && EF.Property<DateTime>(r, nameof(RequestRollup.BucketStart)) < toDay)
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>Empties every rollup table (inside the caller's transaction, if any).</summary>
    public static async Task ClearAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        await db.HourlyRequestRollups.ExecuteDeleteAsync(cancellationToken);
        await db.DailyRequestRollups.ExecuteDeleteAsync(cancellationToken);
        await db.HourlyRequestCubes.ExecuteDeleteAsync(cancellationToken);
        await db.DailyRequestCubes.ExecuteDeleteAsync(cancellationToken);
        await db.HourlyRequestFacets.ExecuteDeleteAsync(cancellationToken);
        await db.DailyRequestFacets.ExecuteDeleteAsync(cancellationToken);
        await db.HourlyRequestPairs.ExecuteDeleteAsync(cancellationToken);
        await db.DailyRequestPairs.ExecuteDeleteAsync(cancellationToken);
        await db.HourlyActiveUsers.ExecuteDeleteAsync(cancellationToken);
        await db.DailyActiveUsers.ExecuteDeleteAsync(cancellationToken);
        await db.HourlySessionRollups.ExecuteDeleteAsync(cancellationToken);
        await db.DailySessionRollups.ExecuteDeleteAsync(cancellationToken);
        await db.HourlyFeedbackCubes.ExecuteDeleteAsync(cancellationToken);
        await db.DailyFeedbackCubes.ExecuteDeleteAsync(cancellationToken);
        await db.HourlyFeedbackRollups.ExecuteDeleteAsync(cancellationToken);
        await db.DailyFeedbackRollups.ExecuteDeleteAsync(cancellationToken);
    }
}
