using System.Globalization;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>
/// The dashboard's grouped queries. Request figures, active users and sessions are read from the hourly and daily
/// rollups for whole buckets and from the raw rows only for the partial hours at the window's edges
/// (<see cref="RollupPlan"/>); every part is a handful of aggregate rows, merged here. Feedback and threats are
/// small tables, read directly.
/// </summary>
public sealed class DashboardReadStore(DashboardDbContext db) : IDashboardReadStore
{
    private bool _rawOnly;

    /// <summary>The straightforward store that aggregates the raw rows of the whole window: the reference the rollups must equal.</summary>
    public static DashboardReadStore RawOnly(DashboardDbContext db) => new(db) { _rawOnly = true };

    public async Task<IReadOnlyList<RequestBucketTotals>> GetRequestBucketsAsync(DateTime from, DateTime to, BucketSize bucketSize, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var plan = await PlanAsync(from, to, useDays: bucketSize == BucketSize.Day, cancellationToken);
        var totals = new Dictionary<DateTime, RequestBucketTotals>();
        foreach (var slice in plan.Raw)
        {
            Merge(totals, await RawBucketsAsync(slice, bucketSize, cancellationToken), bucketSize);
        }

        foreach (var span in plan.Hours)
        {
            Merge(totals, await RollupBucketsAsync(db.HourlyRequestRollups, span, cancellationToken), bucketSize);
        }

        if (plan.Days is { } days)
        {
            Merge(totals, await RollupBucketsAsync(db.DailyRequestRollups, days, cancellationToken), bucketSize);
        }

        return totals.Values.OrderBy(t => t.BucketStart).ToList();
    }

    public async Task<IReadOnlyList<LabelCount>> GetErrorCodesAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var counts = await CountByAsync(from, to, RollupDimension.Status, cancellationToken);
        return counts
            .OrderByDescending(c => c.Value).ThenBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture))
            .Select(c => new LabelCount(c.Key, c.Value))
            .ToList();
    }

    public async Task<IReadOnlyList<LabelCount>> GetTopModelsAsync(DateTime from, DateTime to, int limit, CancellationToken cancellationToken) =>
        Top(await CountByAsync(from, to, RollupDimension.Model, cancellationToken), limit);

    public async Task<IReadOnlyList<LabelCount>> GetTopCountryCodesAsync(DateTime from, DateTime to, int limit, CancellationToken cancellationToken) =>
        Top(await CountByAsync(from, to, RollupDimension.Country, cancellationToken), limit);

    public async Task<IReadOnlyList<LabelCount>> GetUnpricedModelsAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var plan = await PlanAsync(from, to, useDays: true, cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var slice in plan.Raw)
        {
            var raw = await Logs(slice).Where(r => r.ModelName != string.Empty && r.TotalTokens != null && r.CostUsd == null)
                .GroupBy(r => r.ModelName).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
            Merge(counts, raw.Select(r => (r.Key, r.Count)));
        }

        foreach (var span in plan.Hours)
        {
            Merge(counts, await RollupUnpricedByModelAsync(db.HourlyRequestRollups, span, cancellationToken));
        }

        if (plan.Days is { } days)
        {
            Merge(counts, await RollupUnpricedByModelAsync(db.DailyRequestRollups, days, cancellationToken));
        }

        return Top(counts.Where(c => c.Value > 0).ToDictionary(StringComparer.Ordinal), int.MaxValue);
    }

    public async Task<UserActivity> GetUserActivityAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var plan = await PlanAsync(from, to, useDays: true, cancellationToken);
        var userIds = plan.Raw
            .Select(slice => Logs(slice).Where(r => r.UserId != null).Select(r => r.UserId!.Value))
            .Concat(plan.Hours.Select(span => InSpan(db.HourlyActiveUsers, span).Select(u => u.UserId)))
            .Concat(plan.Days is { } days ? [InSpan(db.DailyActiveUsers, days).Select(u => u.UserId)] : [])
            .Aggregate((all, part) => all.Union(part));
        var activeUsers = await userIds.Distinct().LongCountAsync(cancellationToken);

        long sessions = 0, requests = 0;
        decimal cost = 0m;
        foreach (var slice in plan.Raw)
        {
            var raw = await Sessions(slice)
                .GroupBy(_ => 1)
                .Select(g => new { Count = g.LongCount(), Cost = g.Sum(s => s.TotalCost), Requests = g.Sum(s => (long)s.TotalRequests) })
                .FirstOrDefaultAsync(cancellationToken);
            (sessions, requests, cost) = (sessions + (raw?.Count ?? 0), requests + (raw?.Requests ?? 0), cost + (raw?.Cost ?? 0m));
        }

        // One query after the other, as in the methods above: a DbContext runs one command at a time.
        foreach (var span in plan.Hours)
        {
            AddRolled(await SessionSumsAsync(db.HourlySessionRollups, span, cancellationToken));
        }

        if (plan.Days is { } sessionDays)
        {
            AddRolled(await SessionSumsAsync(db.DailySessionRollups, sessionDays, cancellationToken));
        }

        return new UserActivity(activeUsers, sessions, cost, requests);

        void AddRolled((long Sessions, long Requests, long CostUnits) rolled) =>
            (sessions, requests, cost) = (sessions + rolled.Sessions, requests + rolled.Requests, cost + RollupMath.FromCostUnits(rolled.CostUnits));
    }

    /// <summary>
    /// Feedback per rating: one count per rating, each a range of the <c>(Rating, CreatedAt)</c> index that covers it.
    /// At 350,000 rows in a window this is ten times faster on SQLite than grouping, which visits every row; on
    /// PostgreSQL it is as fast as one grouped scan over the whole window and three times faster over part of it.
    /// </summary>
    public async Task<IReadOnlyList<RatingCount>> GetRatingCountsAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var feedback = db.FeedbackLogs.AsNoTracking().Where(f => f.CreatedAt >= from && f.CreatedAt <= to);
        var counts = new List<RatingCount>();
        for (var rating = FeedbackLog.MinRating; rating <= FeedbackLog.MaxRating; rating++)
        {
            var count = await feedback.LongCountAsync(f => f.Rating == rating, cancellationToken);
            if (count > 0)
            {
                counts.Add(new RatingCount(rating, count));
            }
        }

        return counts;
    }

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
        var types = await threats
            .GroupBy(t => t.ThreatType)
            .Select(g => new { Label = g.Key, Count = g.LongCount() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Label)
            .Take(topTypes)
            .ToListAsync(cancellationToken);

        return new ThreatTotals(totals?.Total ?? 0, totals?.Unresolved ?? 0, totals?.Critical ?? 0, totals?.High ?? 0, types.Select(t => new LabelCount(t.Label, t.Count)).ToList());
    }

    /// <summary>
    /// The rollup plan, with one refinement read from the current snapshot: when no row of the hour the window ends in
    /// is later than the window's end (always so for "the last 24 hours" unless clocks disagree), that hour's rollup
    /// holds exactly the rows of the partial hour, so even a busy current hour is read as one summed row.
    /// </summary>
    private async Task<RollupPlan> PlanAsync(DateTime from, DateTime to, bool useDays, CancellationToken cancellationToken)
    {
        if (_rawOnly)
        {
            return RollupPlan.RawOnly(from, to);
        }

        var plan = RollupPlan.For(from, to, useDays);
        var tail = plan.Raw[^1];
        if (tail.From != RollupMath.HourOf(tail.From))
        {
            return plan;
        }

        var (hourStart, hourEnd) = (tail.From, tail.From.AddHours(1));
        var latest = await db.RequestLogs.AsNoTracking()
            .Where(r => r.CreatedAt >= hourStart && r.CreatedAt < hourEnd)
            .MaxAsync(r => (DateTime?)r.CreatedAt, cancellationToken);
        return latest is null || latest <= to ? plan.WithTailFromHourlyRollup() : plan;
    }

    private async Task<List<RequestBucketTotals>> RawBucketsAsync(RawSlice slice, BucketSize bucketSize, CancellationToken cancellationToken)
    {
        var hourly = bucketSize == BucketSize.Hour;
        var rows = await Logs(slice)
            .GroupBy(r => new { r.CreatedAt.Year, r.CreatedAt.Month, r.CreatedAt.Day, Hour = hourly ? r.CreatedAt.Hour : 0 })
            .Select(g => new
            {
                g.Key,
                Success = g.LongCount(r => r.StatusCode < 400),
                Error = g.LongCount(r => r.StatusCode >= 400),
                LatencyUs = g.Sum(r => (long)Math.Round(r.LatencyMs * 1000)),
                Tokens = g.Sum(r => (long?)r.TotalTokens) ?? 0,
                RowsWithTokens = g.LongCount(r => r.TotalTokens != null),
                Cost = g.Sum(r => r.CostUsd) ?? 0m,
                RowsWithCost = g.LongCount(r => r.CostUsd != null),
            })
            .ToListAsync(cancellationToken);

        return rows
            .Select(r => new RequestBucketTotals(
                new DateTime(r.Key.Year, r.Key.Month, r.Key.Day, r.Key.Hour, 0, 0, DateTimeKind.Utc),
                r.Success, r.Error, r.LatencyUs, r.Tokens, r.RowsWithTokens, r.Cost, r.RowsWithCost))
            .ToList();
    }

    private static async Task<List<RequestBucketTotals>> RollupBucketsAsync<T>(IQueryable<T> rollups, BucketSpan span, CancellationToken cancellationToken)
        where T : RequestRollup
    {
        var rows = await InSpan(rollups, span)
            .Where(r => r.Dimension == RollupDimension.Total)
            .Select(r => new { r.BucketStart, r.Requests, r.Errors, r.LatencyUs, r.Tokens, r.RowsWithTokens, r.CostUnits, r.RowsWithCost })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new RequestBucketTotals(
                r.BucketStart, r.Requests - r.Errors, r.Errors, r.LatencyUs, r.Tokens, r.RowsWithTokens, RollupMath.FromCostUnits(r.CostUnits), r.RowsWithCost))
            .ToList();
    }

    /// <summary>Request counts per model, country or error status over the whole window.</summary>
    private async Task<Dictionary<string, long>> CountByAsync(DateTime from, DateTime to, RollupDimension dimension, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var plan = await PlanAsync(from, to, useDays: true, cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var slice in plan.Raw)
        {
            Merge(counts, await RawCountByAsync(Logs(slice), dimension, cancellationToken));
        }

        foreach (var span in plan.Hours)
        {
            Merge(counts, await RollupCountByAsync(db.HourlyRequestRollups, span, dimension, cancellationToken));
        }

        if (plan.Days is { } days)
        {
            Merge(counts, await RollupCountByAsync(db.DailyRequestRollups, days, dimension, cancellationToken));
        }

        return counts;
    }

    private static async Task<IEnumerable<(string Key, long Count)>> RawCountByAsync(IQueryable<RequestLog> logs, RollupDimension dimension, CancellationToken cancellationToken)
    {
        switch (dimension)
        {
            case RollupDimension.Status:
                var codes = await logs.Where(r => r.StatusCode >= 400).GroupBy(r => r.StatusCode)
                    .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
                return codes.Select(c => (c.Key.ToString(CultureInfo.InvariantCulture), c.Count));
            case RollupDimension.Model:
                var models = await logs.Where(r => r.ModelName != string.Empty).GroupBy(r => r.ModelName)
                    .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
                return models.Select(m => (m.Key, m.Count));
            case RollupDimension.Country:
                var countries = await logs.GroupBy(r => r.CountryCode)
                    .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
                return countries.Select(c => (c.Key, c.Count));
            default:
                throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not a grouping dimension.");
        }
    }

    private static async Task<IEnumerable<(string Key, long Count)>> RollupCountByAsync<T>(IQueryable<T> rollups, BucketSpan span, RollupDimension dimension, CancellationToken cancellationToken)
        where T : RequestRollup
    {
        var errorsOnly = dimension == RollupDimension.Status;
        var rows = await InSpan(rollups, span)
            .Where(r => r.Dimension == dimension && (!errorsOnly || r.Errors > 0))
            .GroupBy(r => r.Key)
            .Select(g => new { g.Key, Count = g.Sum(r => r.Requests) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Key, r.Count));
    }

    /// <summary>Rows with cost imply rows with tokens, so per model key the difference is exactly the unpriced rows.</summary>
    private static async Task<IEnumerable<(string Key, long Count)>> RollupUnpricedByModelAsync<T>(IQueryable<T> rollups, BucketSpan span, CancellationToken cancellationToken)
        where T : RequestRollup
    {
        var rows = await InSpan(rollups, span)
            .Where(r => r.Dimension == RollupDimension.Model && r.RowsWithTokens > r.RowsWithCost)
            .GroupBy(r => r.Key)
            .Select(g => new { g.Key, Count = g.Sum(r => r.RowsWithTokens - r.RowsWithCost) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Key, r.Count));
    }

    private static async Task<(long Sessions, long Requests, long CostUnits)> SessionSumsAsync<T>(IQueryable<T> rollups, BucketSpan span, CancellationToken cancellationToken)
        where T : SessionRollup
    {
        var sums = await InSpan(rollups, span)
            .GroupBy(_ => 1)
            .Select(g => new { Sessions = g.Sum(s => s.Sessions), Requests = g.Sum(s => s.Requests), Cost = g.Sum(s => s.CostUnits) })
            .FirstOrDefaultAsync(cancellationToken);
        return sums is null ? default : (sums.Sessions, sums.Requests, sums.Cost);
    }

    private static IQueryable<T> InSpan<T>(IQueryable<T> rollups, BucketSpan span)
        where T : class
    {
        var (from, to) = (span.From, span.To);
        return rollups.AsNoTracking().Where(r => EF.Property<DateTime>(r, nameof(RequestRollup.BucketStart)) >= from && EF.Property<DateTime>(r, nameof(RequestRollup.BucketStart)) < to);
    }

    private IQueryable<RequestLog> Logs(RawSlice slice)
    {
        var (from, to) = (slice.From, slice.To);
        var logs = db.RequestLogs.AsNoTracking().Where(r => r.CreatedAt >= from);
        return slice.IncludesTo ? logs.Where(r => r.CreatedAt <= to) : logs.Where(r => r.CreatedAt < to);
    }

    private IQueryable<UserSession> Sessions(RawSlice slice)
    {
        var (from, to) = (slice.From, slice.To);
        var sessions = db.UserSessions.AsNoTracking().Where(s => s.SessionStart >= from);
        return slice.IncludesTo ? sessions.Where(s => s.SessionStart <= to) : sessions.Where(s => s.SessionStart < to);
    }

    private static List<LabelCount> Top(Dictionary<string, long> counts, int limit) => counts
        .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
        .Take(limit)
        .Select(c => new LabelCount(c.Key, c.Value))
        .ToList();

    private static void Merge(Dictionary<string, long> counts, IEnumerable<(string Key, long Count)> part)
    {
        foreach (var (key, count) in part)
        {
            counts[key] = counts.GetValueOrDefault(key) + count;
        }
    }

    private static void Merge(Dictionary<DateTime, RequestBucketTotals> totals, IEnumerable<RequestBucketTotals> part, BucketSize bucketSize)
    {
        foreach (var t in part)
        {
            var bucket = DashboardWindow.Truncate(t.BucketStart, bucketSize);
            totals[bucket] = totals.TryGetValue(bucket, out var sum)
                ? new RequestBucketTotals(
                    bucket,
                    sum.Success + t.Success,
                    sum.Error + t.Error,
                    sum.LatencyUsSum + t.LatencyUsSum,
                    sum.TokensSum + t.TokensSum,
                    sum.RowsWithTokens + t.RowsWithTokens,
                    sum.CostSum + t.CostSum,
                    sum.RowsWithCost + t.RowsWithCost)
                : t with { BucketStart = bucket };
        }
    }
}
