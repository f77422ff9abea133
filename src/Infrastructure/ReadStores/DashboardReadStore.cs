using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>The dashboard's grouped queries: each returns a handful of aggregate rows, never the raw logs.</summary>
public sealed class DashboardReadStore(DashboardDbContext db) : IDashboardReadStore
{
    public async Task<IReadOnlyList<RequestBucketTotals>> GetRequestBucketsAsync(DateTime from, DateTime to, BucketSize bucketSize, CancellationToken cancellationToken)
    {
        var hourly = bucketSize == BucketSize.Hour;
        var rows = await Window(from, to)
            .GroupBy(r => new { r.CreatedAt.Year, r.CreatedAt.Month, r.CreatedAt.Day, Hour = hourly ? r.CreatedAt.Hour : 0 })
            .Select(g => new
            {
                g.Key,
                Success = g.LongCount(r => r.StatusCode < 400),
                Error = g.LongCount(r => r.StatusCode >= 400),
                LatencyMsSum = g.Sum(r => r.LatencyMs),
                TokensSum = g.Sum(r => (long?)r.TotalTokens) ?? 0,
                RowsWithTokens = g.LongCount(r => r.TotalTokens != null),
                CostSum = g.Sum(r => r.CostUsd) ?? 0m,
                RowsWithCost = g.LongCount(r => r.CostUsd != null),
            })
            .ToListAsync(cancellationToken);

        return rows
            .Select(r => new RequestBucketTotals(
                new DateTime(r.Key.Year, r.Key.Month, r.Key.Day, r.Key.Hour, 0, 0, DateTimeKind.Utc),
                r.Success,
                r.Error,
                r.LatencyMsSum,
                r.TokensSum,
                r.RowsWithTokens,
                r.CostSum,
                r.RowsWithCost))
            .OrderBy(r => r.BucketStart)
            .ToList();
    }

    public async Task<IReadOnlyList<LabelCount>> GetErrorCodesAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var rows = await Window(from, to)
            .Where(r => r.StatusCode >= 400)
            .GroupBy(r => r.StatusCode)
            .Select(g => new { Code = g.Key, Count = g.LongCount() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Code)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new LabelCount(r.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Count)).ToList();
    }

    public Task<IReadOnlyList<LabelCount>> GetTopModelsAsync(DateTime from, DateTime to, int limit, CancellationToken cancellationToken) =>
        TopAsync(Window(from, to).Where(r => r.ModelName != string.Empty).GroupBy(r => r.ModelName), limit, cancellationToken);

    public Task<IReadOnlyList<LabelCount>> GetTopCountryCodesAsync(DateTime from, DateTime to, int limit, CancellationToken cancellationToken) =>
        TopAsync(Window(from, to).GroupBy(r => r.CountryCode), limit, cancellationToken);

    public async Task<UserActivity> GetUserActivityAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var activeUsers = await Window(from, to)
            .Where(r => r.UserId != null)
            .Select(r => r.UserId)
            .Distinct()
            .LongCountAsync(cancellationToken);

        var sessions = await db.UserSessions.AsNoTracking()
            .Where(s => s.SessionStart >= from && s.SessionStart <= to)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.LongCount(), Cost = g.Sum(s => s.TotalCost), Requests = g.Sum(s => (long)s.TotalRequests) })
            .FirstOrDefaultAsync(cancellationToken);

        return new UserActivity(activeUsers, sessions?.Count ?? 0, sessions?.Cost ?? 0m, sessions?.Requests ?? 0);
    }

    public async Task<IReadOnlyList<RatingCount>> GetRatingCountsAsync(DateTime from, DateTime to, CancellationToken cancellationToken) =>
        await db.FeedbackLogs.AsNoTracking()
            .Where(f => f.CreatedAt >= from && f.CreatedAt <= to)
            .GroupBy(f => f.Rating)
            .Select(g => new RatingCount(g.Key, g.LongCount()))
            .ToListAsync(cancellationToken);

    public async Task<ThreatTotals> GetThreatTotalsAsync(DateTime from, DateTime to, int topTypes, CancellationToken cancellationToken)
    {
        var threats = db.ThreatLogs.AsNoTracking().Where(t => t.CreatedAt >= from && t.CreatedAt <= to);
        var totals = await threats
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Total = g.LongCount(),
                Unresolved = g.LongCount(t => !t.Resolved),
                Critical = g.LongCount(t => t.Severity == ThreatSeverity.Critical),
                High = g.LongCount(t => t.Severity == ThreatSeverity.High),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var types = await TopAsync(threats.GroupBy(t => t.ThreatType), topTypes, cancellationToken);

        return new ThreatTotals(totals?.Total ?? 0, totals?.Unresolved ?? 0, totals?.Critical ?? 0, totals?.High ?? 0, types);
    }

    /// <summary>The groups with the most rows, most first, ties by label.</summary>
    private static async Task<IReadOnlyList<LabelCount>> TopAsync<T>(IQueryable<IGrouping<string, T>> groups, int limit, CancellationToken cancellationToken)
    {
        var rows = await groups
            .Select(g => new { Label = g.Key, Count = g.LongCount() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Label)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new LabelCount(r.Label, r.Count)).ToList();
    }

    private IQueryable<RequestLog> Window(DateTime from, DateTime to) =>
        db.RequestLogs.AsNoTracking().Where(r => r.CreatedAt >= from && r.CreatedAt <= to);
}
