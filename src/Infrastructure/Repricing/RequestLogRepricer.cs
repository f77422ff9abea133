using CleanDashboard.Application.RequestLogs.Commands.RepriceRequestLogs;
using CleanDashboard.Application.RequestLogs.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanDashboard.Infrastructure.Repricing;

/// <summary>
/// Reprices a range of request logs in one transaction: the rows are read in pages by id and the changed costs written
/// back; each changed row's difference is added to the session whose span holds it (a session's total is the sum of
/// its rows' costs); then the rollups and daily model stats of every whole UTC day touched are rebuilt from the rows.
/// </summary>
public sealed class RequestLogRepricer(DashboardDbContext db, RollupRebuilder rollups, UsageStatsRebuilder usageStats) : IRequestLogRepricer
{
    private const int PageSize = 2000;

    public async Task<RepriceResultDto> RepriceAsync(DateTime from, DateTime to, Func<StoredUsage, decimal?> price, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await HoldOffWritersAsync(cancellationToken);
            var (rows, changes, oldTotal, newTotal) = await RepriceRowsAsync(from, to, price, transaction, cancellationToken);
            var sessionDays = await UpdateSessionsAsync(changes, cancellationToken);
            var rowDays = changes.Select(c => RollupMath.DayOf(c.CreatedAt)).ToHashSet();
            foreach (var (fromDay, toDay) in DayRuns(rowDays.Union(sessionDays)))
            {
                await rollups.RebuildDaysAsync(fromDay, toDay, cancellationToken);
            }

            foreach (var (fromDay, toDay) in DayRuns(rowDays))
            {
                await usageStats.RebuildDaysAsync(fromDay, toDay, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new RepriceResultDto(rows, changes.Count, oldTotal, newTotal);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Contiguous runs of whole UTC days, each as [first day, the day after the last).</summary>
    internal static IEnumerable<(DateTime FromDay, DateTime ToDay)> DayRuns(IEnumerable<DateTime> days)
    {
        DateTime? start = null, end = null;
        foreach (var day in days.Distinct().Order())
        {
            if (end != day)
            {
                if (start is { } previous)
                {
                    yield return (previous, end!.Value);
                }

                start = day;
            }

            end = day.AddDays(1);
        }

        if (start is { } last)
        {
            yield return (last, end!.Value);
        }
    }

    /// <summary>
    /// On PostgreSQL the background writers' inserts wait until this commits, so no row lands between the rebuild's reads
    /// and writes (their queues hold the entries meanwhile); SQLite has one writer per file already.
    /// </summary>
    private async Task HoldOffWritersAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "request_logs" IN EXCLUSIVE MODE""", cancellationToken);
        }
    }

    private async Task<(long Rows, List<CostChange> Changes, decimal OldTotal, decimal NewTotal)> RepriceRowsAsync(
        DateTime from, DateTime to, Func<StoredUsage, decimal?> price, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        long rows = 0, lastId = 0;
        decimal oldTotal = 0m, newTotal = 0m;
        var changes = new List<CostChange>();
        await using var writer = new RowWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        while (true)
        {
            var page = await db.RequestLogs.AsNoTracking()
                .Where(r => r.CreatedAt >= from && r.CreatedAt < to && r.Id > lastId)
                .OrderBy(r => r.Id)
                .Take(PageSize)
                .Select(r => new
                {
                    r.Id, r.CreatedAt, r.ModelName, r.PromptTokens, r.CompletionTokens, r.TotalTokens,
                    r.CachedInputTokens, r.CacheCreationTokens, r.ReasoningTokens, r.UsageEstimated, r.CostUsd, r.UserId,
                })
                .ToListAsync(cancellationToken);
            foreach (var r in page)
            {
                var usage = new TokenUsage(r.ModelName, r.PromptTokens, r.CompletionTokens, r.TotalTokens)
                {
                    CachedInputTokens = r.CachedInputTokens,
                    CacheCreationTokens = r.CacheCreationTokens,
                    ReasoningTokens = r.ReasoningTokens,
                    Estimated = r.UsageEstimated,
                };
                var cost = price(new StoredUsage(r.CreatedAt, usage));
                rows++;
                oldTotal += r.CostUsd ?? 0m;
                newTotal += cost ?? 0m;
                if (cost != r.CostUsd)
                {
                    await writer.UpdateCostAsync(r.Id, cost, cancellationToken);
                    changes.Add(new CostChange(r.CreatedAt, r.UserId, (cost ?? 0m) - (r.CostUsd ?? 0m)));
                }
            }

            if (page.Count < PageSize)
            {
                return (rows, changes, oldTotal, newTotal);
            }

            lastId = page[^1].Id;
        }
    }

    /// <summary>Adds each change to the session of its user that spans it; returns the days those sessions started on (their rollup buckets).</summary>
    private async Task<HashSet<DateTime>> UpdateSessionsAsync(List<CostChange> changes, CancellationToken cancellationToken)
    {
        var days = new HashSet<DateTime>();
        foreach (var byUser in changes.Where(c => c.UserId is not null).GroupBy(c => c.UserId!.Value))
        {
            var (first, last) = (byUser.Min(c => c.CreatedAt), byUser.Max(c => c.CreatedAt));
            var sessions = await db.UserSessions
                .Where(s => s.UserId == byUser.Key && s.SessionStart <= last && s.LastActivityAt >= first)
                .ToListAsync(cancellationToken);
            foreach (var change in byUser)
            {
                if (sessions.FirstOrDefault(s => s.SessionStart <= change.CreatedAt && change.CreatedAt <= s.LastActivityAt) is { } session)
                {
                    session.TotalCost += change.Delta;
                    days.Add(RollupMath.DayOf(session.SessionStart));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return days;
    }

    private sealed record CostChange(DateTime CreatedAt, int? UserId, decimal Delta);
}
