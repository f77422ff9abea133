using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>
/// The figures alert rules watch, read as the dashboard reads them: whole hours and days from the request rollups
/// (the total, or the model's rows when a rule filters by model), partial hours at the window's edges from the raw
/// rows' <c>CreatedAt</c> index. Filters the rollups do not group by today (key, user, endpoint) and the percentiles
/// (the rollups hold no sketch yet) read the raw rows of the window only, by the same index: never the whole table.
/// </summary>
public sealed class AlertFiguresReadStore(DashboardDbContext db) : IAlertFigures
{
    private const double Percentile = 0.95;

    public async Task<AlertRequestFigures> GetRequestFiguresAsync(DateTime from, DateTime to, AlertFilters filters, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var rollupsCanFilter = filters with { Model = null } == AlertFilters.None;
        var plan = rollupsCanFilter ? RollupPlan.For(from, to, useDays: true) : RollupPlan.RawOnly(from, to);
        var sum = new AlertRequestFigures(0, 0, 0m);
        foreach (var slice in plan.Raw)
        {
            var raw = await Logs(slice, filters)
                .GroupBy(_ => 1)
                .Select(g => new { Requests = g.LongCount(), Errors = g.LongCount(r => r.StatusCode >= 400), Cost = g.Sum(r => r.CostUsd) ?? 0m })
                .FirstOrDefaultAsync(cancellationToken);
            sum = raw is null ? sum : new AlertRequestFigures(sum.Requests + raw.Requests, sum.Errors + raw.Errors, sum.CostUsd + raw.Cost);
        }

        foreach (var span in plan.Hours)
        {
            sum = Add(sum, await RollupSumsAsync(db.HourlyRequestRollups, span, filters.Model, cancellationToken));
        }

        foreach (var span in plan.Days)
        {
            sum = Add(sum, await RollupSumsAsync(db.DailyRequestRollups, span, filters.Model, cancellationToken));
        }

        return sum;
    }

    public Task<double?> GetP95LatencyMsAsync(DateTime from, DateTime to, AlertFilters filters, CancellationToken cancellationToken) =>
        NearestRankAsync(Window(from, to, filters).Select(r => r.LatencyMs), cancellationToken);

    public Task<double?> GetP95TtftMsAsync(DateTime from, DateTime to, AlertFilters filters, CancellationToken cancellationToken) =>
        NearestRankAsync(Window(from, to, filters).Where(r => r.TtftMs != null).Select(r => r.TtftMs!.Value), cancellationToken);

    public Task<long> CountUnresolvedCriticalThreatsAsync(DateTime from, DateTime to, CancellationToken cancellationToken) =>
        db.ThreatLogs.AsNoTracking()
            .Where(t => t.CreatedAt >= from && t.CreatedAt <= to && t.Severity == ThreatSeverity.Critical && !t.Resolved)
            .LongCountAsync(cancellationToken);

    /// <summary>The value at rank ⌈0.95·n⌉ of the n values in ascending order, read from one snapshot.</summary>
    private async Task<double?> NearestRankAsync(IQueryable<double> values, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var count = await values.LongCountAsync(cancellationToken);
        if (count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(Percentile * count);
        return await values.OrderBy(v => v).Skip(rank - 1).Select(v => (double?)v).FirstAsync(cancellationToken);
    }

    private static async Task<AlertRequestFigures> RollupSumsAsync<T>(IQueryable<T> rollups, BucketSpan span, string? model, CancellationToken cancellationToken)
        where T : RequestRollup
    {
        var (start, end) = (span.From, span.To);
        var rows = rollups.AsNoTracking().Where(r => r.BucketStart >= start && r.BucketStart < end);
        rows = model is null
            ? rows.Where(r => r.Dimension == RollupDimension.Total)
            : rows.Where(r => r.Dimension == RollupDimension.Model && r.Key == model);
        var sums = await rows
            .GroupBy(_ => 1)
            .Select(g => new { Requests = g.Sum(r => r.Requests), Errors = g.Sum(r => r.Errors), Cost = g.Sum(r => r.CostUnits) })
            .FirstOrDefaultAsync(cancellationToken);
        return sums is null ? new AlertRequestFigures(0, 0, 0m) : new AlertRequestFigures(sums.Requests, sums.Errors, RollupMath.FromCostUnits(sums.Cost));
    }

    private static AlertRequestFigures Add(AlertRequestFigures a, AlertRequestFigures b) =>
        new(a.Requests + b.Requests, a.Errors + b.Errors, a.CostUsd + b.CostUsd);

    private IQueryable<RequestLog> Window(DateTime from, DateTime to, AlertFilters filters) =>
        Logs(new RawSlice(from, to, IncludesTo: true), filters);

    private IQueryable<RequestLog> Logs(RawSlice slice, AlertFilters filters)
    {
        var (from, to) = (slice.From, slice.To);
        var logs = db.RequestLogs.AsNoTracking().Where(r => r.CreatedAt >= from);
        logs = slice.IncludesTo ? logs.Where(r => r.CreatedAt <= to) : logs.Where(r => r.CreatedAt < to);
        if (filters.Model is { } model)
        {
            logs = logs.Where(r => r.ModelName == model);
        }

        if (filters.ApiKeyId is { } apiKeyId)
        {
            logs = logs.Where(r => r.ApiKeyId == apiKeyId);
        }

        if (filters.UserId is { } userId)
        {
            logs = logs.Where(r => r.UserId == userId);
        }

        if (filters.Endpoint is { } endpoint)
        {
            logs = logs.Where(r => r.Endpoint == endpoint);
        }

        return logs;
    }
}
