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
/// rollups for whole buckets and from the raw rows only for the partial hours at the edges (<see cref="RollupPlan"/>):
/// the dimension rollups without a filter, the filter cube with one (docs/decisions/075). Every part is a handful of
/// aggregate rows, merged here; latency sketches are merged in memory. Feedback and threats are small tables, read directly.
/// </summary>
public sealed class DashboardReadStore(DashboardDbContext db) : IDashboardReadStore
{
    private bool _rawOnly;

    /// <summary>The straightforward store that aggregates the raw rows of the whole window: the reference the rollups must equal.</summary>
    public static DashboardReadStore RawOnly(DashboardDbContext db) => new(db) { _rawOnly = true };

    public async Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken cancellationToken) =>
        await ReadSnapshot.BeginPinnedAsync(db, cancellationToken);

    public async Task<IReadOnlyList<RequestBucketTotals>> GetRequestBucketsAsync(DateTime from, DateTime to, IReadOnlyList<DateTime> bucketStarts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var plan = await PlanAsync(from, to, bucketStarts, cancellationToken);
        var totals = new SortedDictionary<int, Sums>();
        foreach (var slice in plan.Raw)
        {
            foreach (var (_, sums) in await SummedRows.RawAsync(Logs(slice, filter), r => 1, cancellationToken))
            {
                Add(totals, DashboardWindow.BucketIndex(bucketStarts, slice.From), sums);
            }
        }

        foreach (var (span, daily) in Spans(plan))
        {
            var rows = (daily, filter.IsEmpty, OneDimension(filter)) switch
            {
                (false, true, _) => await SummedRows.RolledAsync(Totals(db.HourlyRequestRollups, span), r => r.BucketStart, cancellationToken),
                (true, true, _) => await SummedRows.RolledAsync(Totals(db.DailyRequestRollups, span), r => r.BucketStart, cancellationToken),
                (false, false, { } one) => await SummedRows.RolledAsync(Dimension(db.HourlyRequestRollups, span, one), r => r.BucketStart, cancellationToken),
                (true, false, { } one) => await SummedRows.RolledAsync(Dimension(db.DailyRequestRollups, span, one), r => r.BucketStart, cancellationToken),
                (false, false, null) => await SummedRows.RolledAsync(Cube(db.HourlyRequestCubes, span, filter), r => r.BucketStart, cancellationToken),
                (true, false, null) => await SummedRows.RolledAsync(Cube(db.DailyRequestCubes, span, filter), r => r.BucketStart, cancellationToken),
            };
            foreach (var (bucket, sums) in rows)
            {
                Add(totals, DashboardWindow.BucketIndex(bucketStarts, bucket), sums);
            }
        }

        return totals
            .Select(t => new RequestBucketTotals(
                bucketStarts[t.Key], t.Value.Requests - t.Value.Errors, t.Value.Errors, t.Value.LatencyUs, t.Value.Tokens, t.Value.RowsWithTokens, t.Value.Cost, t.Value.RowsWithCost))
            .ToList();
    }

    public async Task<LatencyFigures> GetLatencyAsync(DateTime from, DateTime to, IReadOnlyList<DateTime> bucketStarts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var plan = await PlanAsync(from, to, bucketStarts, cancellationToken);
        var buckets = new SortedDictionary<int, LatencyBuilder>();
        var window = new LatencyBuilder(_rawOnly);
        foreach (var slice in plan.Raw)
        {
            var bucket = Builder(buckets, DashboardWindow.BucketIndex(bucketStarts, slice.From));
            await foreach (var row in Logs(slice, filter).Select(r => new { r.LatencyMs, r.TtftMs }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                bucket.AddRaw(row.LatencyMs, row.TtftMs);
                if (_rawOnly)
                {
                    window.AddRaw(row.LatencyMs, row.TtftMs);
                }
            }
        }

        foreach (var (span, daily) in Spans(plan))
        {
            foreach (var row in await SketchRowsAsync(span, daily, filter, cancellationToken))
            {
                Builder(buckets, DashboardWindow.BucketIndex(bucketStarts, row.BucketStart)).AddRolled(row.LatencySketch, row.TtftSketch, row.TtftUs);
            }
        }

        // The window's sketch is the merge of its buckets' (a few, where the rows were thousands of hours under a time zone).
        if (!_rawOnly)
        {
            foreach (var bucket in buckets.Values)
            {
                window.AddRolled(bucket);
            }
        }

        return new LatencyFigures(buckets.Where(b => b.Value.Latency.Count > 0).Select(b => b.Value.Build(bucketStarts[b.Key])).ToList(), window.Build(from));
    }

    public async Task<IReadOnlyList<LabelCount>> GetErrorCodesAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var counts = await SumByAsync(from, to, RollupDimension.Status, filter, cancellationToken);
        return counts
            .Where(c => c.Value.Errors > 0)
            .OrderByDescending(c => c.Value.Requests).ThenBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture))
            .Select(c => new LabelCount(c.Key, c.Value.Requests))
            .ToList();
    }

    public async Task<IReadOnlyList<LabelCount>> GetTopModelsAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken) =>
        Top(Requests(await SumByAsync(from, to, RollupDimension.Model, filter, cancellationToken)), limit);

    public async Task<IReadOnlyList<LabelCount>> GetTopCountryCodesAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken) =>
        Top(Requests(await SumByAsync(from, to, RollupDimension.Country, filter, cancellationToken)), limit);

    /// <summary>Rows with cost imply rows with tokens, so per model the difference is exactly the unpriced rows.</summary>
    public async Task<IReadOnlyList<LabelCount>> GetUnpricedModelsAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var models = await SumByAsync(from, to, RollupDimension.Model, filter, cancellationToken);
        return Top(models.Where(m => m.Value.RowsWithTokens > m.Value.RowsWithCost).ToDictionary(m => m.Key, m => m.Value.RowsWithTokens - m.Value.RowsWithCost, StringComparer.Ordinal), int.MaxValue);
    }

    public async Task<IReadOnlyList<UserTotals>> GetTopUsersAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var sums = ById(await SumByAsync(from, to, RollupDimension.User, filter, cancellationToken));
        var ids = sums.Keys.ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return sums
            .Select(s => new UserTotals(s.Key, names.GetValueOrDefault(s.Key, string.Empty), s.Value.Requests, s.Value.Tokens, s.Value.Cost))
            .OrderByDescending(u => u.Cost).ThenByDescending(u => u.Requests).ThenBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id)
            .Take(limit)
            .ToList();
    }

    public async Task<IReadOnlyList<ApiKeyTotals>> GetTopApiKeysAsync(DateTime from, DateTime to, int limit, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var sums = ById(await SumByAsync(from, to, RollupDimension.ApiKey, filter, cancellationToken));
        var ids = sums.Keys.ToList();
        var keys = await db.ApiKeys.AsNoTracking().Where(k => ids.Contains(k.Id))
            .Select(k => new { k.Id, k.Name, UserName = k.User!.Name })
            .ToDictionaryAsync(k => k.Id, cancellationToken);
        return sums
            .Select(s => new ApiKeyTotals(
                s.Key, keys.TryGetValue(s.Key, out var key) ? key.Name : string.Empty, key?.UserName ?? string.Empty, s.Value.Requests, s.Value.Tokens, s.Value.Cost))
            .OrderByDescending(k => k.Cost).ThenByDescending(k => k.Requests).ThenBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Id)
            .Take(limit)
            .ToList();
    }

    public async Task<IReadOnlyList<EndpointTotals>> GetEndpointsAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var plan = await PlanAsync(from, to, null, cancellationToken);
        var endpoints = new Dictionary<string, (long Requests, long Errors, LatencyBuilder Latency)>(StringComparer.Ordinal);
        foreach (var slice in plan.Raw)
        {
            var rows = Logs(slice, filter).Select(r => new { r.Endpoint, r.StatusCode, r.LatencyMs }).AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                var endpoint = Endpoint(endpoints, row.Endpoint, 1, row.StatusCode >= 400 ? 1 : 0);
                endpoint.Latency.AddRaw(row.LatencyMs, null);
            }
        }

        foreach (var (span, daily) in Spans(plan))
        {
            foreach (var row in await EndpointRowsAsync(span, daily, filter, cancellationToken))
            {
                Endpoint(endpoints, row.Endpoint, row.Requests, row.Errors).Latency.AddRolled(row.LatencySketch, [], 0);
            }
        }

        return endpoints.Select(e => new EndpointTotals(e.Key, e.Value.Requests, e.Value.Errors, e.Value.Latency.Latency)).ToList();

        (long Requests, long Errors, LatencyBuilder Latency) Endpoint(Dictionary<string, (long, long, LatencyBuilder)> all, string name, long requests, long errors)
        {
            var (r, e, latency) = all.TryGetValue(name, out var found) ? found : (0L, 0L, new LatencyBuilder(_rawOnly));
            all[name] = (r + requests, e + errors, latency);
            return all[name];
        }
    }

    public async Task<UserActivity> GetUserActivityAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var plan = await PlanAsync(from, to, null, cancellationToken);
        var activeUsers = PairedFilter(filter) is { } paired
            ? await PairedActiveUsers(plan, filter, paired).Distinct().LongCountAsync(cancellationToken)
            : await ActiveUsers(plan, filter).Distinct().LongCountAsync(cancellationToken);
        var sessionUser = await SessionUserAsync(filter, cancellationToken);
        if (sessionUser is not null)
        {
            var theirs = await SessionSumsAsync(db.UserSessions.AsNoTracking().Where(s => s.UserId == sessionUser && s.SessionStart >= from && s.SessionStart <= to), cancellationToken);
            return new UserActivity(activeUsers, theirs.Count, theirs.Cost, theirs.Requests);
        }

        long sessions = 0, requests = 0;
        decimal cost = 0m;
        foreach (var slice in plan.Raw)
        {
            var raw = await SessionSumsAsync(Sessions(slice), cancellationToken);
            (sessions, requests, cost) = (sessions + raw.Count, requests + raw.Requests, cost + raw.Cost);
        }

        // One query after the other, as in the methods above: a DbContext runs one command at a time.
        foreach (var (span, daily) in Spans(plan))
        {
            var rolled = daily
                ? await RolledSessionSumsAsync(db.DailySessionRollups, span, cancellationToken)
                : await RolledSessionSumsAsync(db.HourlySessionRollups, span, cancellationToken);
            (sessions, requests, cost) = (sessions + rolled.Sessions, requests + rolled.Requests, cost + RollupMath.FromCostUnits(rolled.CostUnits));
        }

        return new UserActivity(activeUsers, sessions, cost, requests);
    }

    /// <summary>
    /// Feedback per rating, by when it was given: whole hours and days from the feedback rollups without a filter or with
    /// one dimension alone (docs/decisions/123), else from the feedback cubes (both kept by the database's triggers,
    /// docs/decisions/120); the partial hours at the edges from the raw ratings.
    /// </summary>
    public async Task<IReadOnlyList<RatingCount>> GetRatingCountsAsync(DateTime from, DateTime to, DashboardFilter filter, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var plan = _rawOnly ? RollupPlan.RawOnly(from, to) : RollupPlan.For(from, to, useDays: true);
        var counts = new long[FeedbackLog.MaxRating + 1];
        var one = filter.IsEmpty ? new DimensionKey(RollupDimension.Total, string.Empty) : OneDimension(filter);
        foreach (var slice in plan.Raw)
        {
            foreach (var (rating, count) in await RawRatingsAsync(slice, filter, cancellationToken))
            {
                counts[rating] += count;
            }
        }

        foreach (var (span, daily) in Spans(plan))
        {
            var rows = (daily, one) switch
            {
                (false, { } dimension) => RolledRatings(db.HourlyFeedbackRollups, span, dimension),
                (true, { } dimension) => RolledRatings(db.DailyFeedbackRollups, span, dimension),
                (false, null) => RolledRatings(db.HourlyFeedbackCubes, span, filter),
                (true, null) => RolledRatings(db.DailyFeedbackCubes, span, filter),
            };
            foreach (var row in await rows.ToListAsync(cancellationToken))
            {
                counts[row.Rating] += row.Count;
            }
        }

        return Enumerable.Range(FeedbackLog.MinRating, FeedbackLog.MaxRating)
            .Where(rating => counts[rating] > 0)
            .Select(rating => new RatingCount(rating, counts[rating]))
            .ToList();
    }

    /// <summary>
    /// The raw ratings of a slice, the reference the cubes must equal: without a filter one count per rating, each a range
    /// of the <c>(Rating, CreatedAt)</c> index (ten times faster on SQLite than grouping); with one, the ratings of the
    /// matching requests, joined to them — not their copied dimensions, so the cubes' copies are checked against the requests.
    /// </summary>
    private async Task<List<(int Rating, long Count)>> RawRatingsAsync(RawSlice slice, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var (from, to) = (slice.From, slice.To);
        var feedback = db.FeedbackLogs.AsNoTracking().Where(f => f.CreatedAt >= from);
        feedback = slice.IncludesTo ? feedback.Where(f => f.CreatedAt <= to) : feedback.Where(f => f.CreatedAt < to);
        if (!filter.IsEmpty)
        {
            // Driven from the slice's ratings, each probing its request by id: a join let SQLite start from every request of
            // the filter (a user's 100,000 at 10 million rows, 40 ms) to find the few ratings of a partial hour.
            var matching = SummedRows.Matching(db.RequestLogs.AsNoTracking(), filter);
            var rated = await feedback
                .Where(f => matching.Any(r => r.Id == f.RequestLogId))
                .Select(f => f.Rating)
                .GroupBy(rating => rating)
                .Select(g => new { Rating = g.Key, Count = g.LongCount() })
                .ToListAsync(cancellationToken);
            return rated.Select(r => (r.Rating, r.Count)).ToList();
        }

        var counts = new List<(int, long)>();
        for (var rating = FeedbackLog.MinRating; rating <= FeedbackLog.MaxRating; rating++)
        {
            counts.Add((rating, await feedback.LongCountAsync(f => f.Rating == rating, cancellationToken)));
        }

        return counts;
    }

    private static IQueryable<RatingRow> RolledRatings<T>(IQueryable<T> cubes, BucketSpan span, DashboardFilter filter)
        where T : FeedbackCube =>
        SummedRows.Matching(InSpan(cubes, span), filter)
            .GroupBy(c => c.Rating)
            .Select(g => new RatingRow(g.Key, g.Sum(c => c.Ratings)));

    private static IQueryable<RatingRow> RolledRatings<T>(IQueryable<T> rollups, BucketSpan span, DimensionKey one)
        where T : FeedbackRollup
    {
        var (dimension, key) = (one.Dimension, one.Key);
        return InSpan(rollups, span)
            .Where(r => r.Dimension == dimension && r.Key == key)
            .GroupBy(r => r.Rating)
            .Select(g => new RatingRow(g.Key, g.Sum(r => r.Ratings)));
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
    /// The rollup plan (per bucket when <paramref name="bucketStarts"/> are given), with one refinement read from the
    /// current snapshot: when no row of the hour the window ends in is later than the window's end (always so for
    /// "the last 24 hours" unless clocks disagree), that hour's rollup holds exactly the rows of the partial hour, so
    /// even a busy current hour is read as one summed row.
    /// </summary>
    private async Task<RollupPlan> PlanAsync(DateTime from, DateTime to, IReadOnlyList<DateTime>? bucketStarts, CancellationToken cancellationToken)
    {
        if (_rawOnly)
        {
            return bucketStarts is null ? RollupPlan.RawOnly(from, to) : RollupPlan.RawOnly(from, to, bucketStarts);
        }

        var plan = bucketStarts is null ? RollupPlan.For(from, to, useDays: true) : RollupPlan.ForBuckets(from, to, bucketStarts, useDays: true);
        if (!plan.EndsInAnHourlyTail)
        {
            return plan;
        }

        var (hourStart, hourEnd) = (plan.Raw[^1].From, plan.Raw[^1].From.AddHours(1));
        var latest = await db.RequestLogs.AsNoTracking()
            .Where(r => r.CreatedAt >= hourStart && r.CreatedAt < hourEnd)
            .MaxAsync(r => (DateTime?)r.CreatedAt, cancellationToken);
        return latest is null || latest <= to ? plan.WithTailFromHourlyRollup() : plan;
    }

    private static IEnumerable<(BucketSpan Span, bool Daily)> Spans(RollupPlan plan) =>
        plan.Hours.Select(h => (h, false)).Concat(plan.Days.Select(d => (d, true)));

    /// <summary>Sums per value of one dimension over the whole window: dimension rollups without a filter, cube or facets with one.</summary>
    private async Task<Dictionary<string, Sums>> SumByAsync(DateTime from, DateTime to, RollupDimension dimension, DashboardFilter filter, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var plan = await PlanAsync(from, to, null, cancellationToken);
        var sums = new Dictionary<string, Sums>(StringComparer.Ordinal);
        foreach (var slice in plan.Raw)
        {
            Merge(sums, await RawByAsync(Logs(slice, filter), dimension, cancellationToken));
        }

        foreach (var (span, daily) in Spans(plan))
        {
            var part = (daily, filter.IsEmpty, PairedFilter(filter)) switch
            {
                (false, true, _) => await SummedRows.RolledAsync(Dimension(db.HourlyRequestRollups, span, dimension), r => r.Key, cancellationToken),
                (true, true, _) => await SummedRows.RolledAsync(Dimension(db.DailyRequestRollups, span, dimension), r => r.Key, cancellationToken),
                (false, false, { } one) when one.Dimension == dimension => await SummedRows.RolledAsync(Dimension(db.HourlyRequestRollups, span, one), r => r.Key, cancellationToken),
                (true, false, { } one) when one.Dimension == dimension => await SummedRows.RolledAsync(Dimension(db.DailyRequestRollups, span, one), r => r.Key, cancellationToken),
                (false, false, { } one) => await SummedRows.RolledAsync(Pairs(db.HourlyRequestPairs, span, one, dimension), p => p.ByKey, cancellationToken),
                (true, false, { } one) => await SummedRows.RolledAsync(Pairs(db.DailyRequestPairs, span, one, dimension), p => p.ByKey, cancellationToken),
                (false, false, null) => await CubeByAsync(db.HourlyRequestCubes, db.HourlyRequestFacets, span, dimension, filter, cancellationToken),
                (true, false, null) => await CubeByAsync(db.DailyRequestCubes, db.DailyRequestFacets, span, dimension, filter, cancellationToken),
            };
            Merge(sums, part);
        }

        return sums;
    }

    private static async Task<List<(string Key, Sums Sums)>> RawByAsync(IQueryable<RequestLog> logs, RollupDimension dimension, CancellationToken cancellationToken) => dimension switch
    {
        RollupDimension.Model => await SummedRows.RawAsync(logs.Where(r => r.ModelName != string.Empty), r => r.ModelName, cancellationToken),
        RollupDimension.Country => await SummedRows.RawAsync(logs, r => r.CountryCode, cancellationToken),
        RollupDimension.Endpoint => await SummedRows.RawAsync(logs, r => r.Endpoint, cancellationToken),
        RollupDimension.Status => Text(await SummedRows.RawAsync(logs.Where(r => r.StatusCode >= 400), r => r.StatusCode, cancellationToken)),
        RollupDimension.User => Text(await SummedRows.RawAsync(logs.Where(r => r.UserId != null), r => r.UserId!.Value, cancellationToken)),
        RollupDimension.ApiKey => Text(await SummedRows.RawAsync(logs.Where(r => r.ApiKeyId != null), r => r.ApiKeyId!.Value, cancellationToken)),
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not a grouping dimension."),
    };

    /// <summary>Under a filter: the cube's sums by model, user, key or endpoint; the facets' request counts by country or error status.</summary>
    private static async Task<List<(string Key, Sums Sums)>> CubeByAsync<TCube, TFacet>(IQueryable<TCube> cubes, IQueryable<TFacet> facets, BucketSpan span, RollupDimension dimension, DashboardFilter filter, CancellationToken cancellationToken)
        where TCube : RequestCube
        where TFacet : RequestFacet
    {
        var matching = Cube(cubes, span, filter);
        switch (dimension)
        {
            case RollupDimension.Model:
                return await SummedRows.RolledAsync(matching.Where(c => c.ModelName != string.Empty), c => c.ModelName, cancellationToken);
            case RollupDimension.Endpoint:
                return await SummedRows.RolledAsync(matching, c => c.Endpoint, cancellationToken);
            case RollupDimension.User:
                return Text(await SummedRows.RolledAsync(matching.Where(c => c.UserId != 0), c => c.UserId, cancellationToken));
            case RollupDimension.ApiKey:
                return Text(await SummedRows.RolledAsync(matching.Where(c => c.ApiKeyId != 0), c => c.ApiKeyId, cancellationToken));
            case RollupDimension.Country or RollupDimension.Status:
                var counts = await SummedRows.Matching(InSpan(facets, span), filter)
                    .Where(f => f.Facet == dimension)
                    .GroupBy(f => f.Key)
                    .Select(g => new { g.Key, Requests = g.Sum(f => f.Requests) })
                    .ToListAsync(cancellationToken);
                var errors = dimension == RollupDimension.Status;
                return counts.Select(c => (c.Key, Sums.Zero with { Requests = c.Requests, Errors = errors ? c.Requests : 0 })).ToList();
            default:
                throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not a grouping dimension.");
        }
    }

    /// <summary>Distinct users of the filtered requests: the active-user sets without a filter, the cube's user column with one.</summary>
    private IQueryable<int> ActiveUsers(RollupPlan plan, DashboardFilter filter)
    {
        var parts = plan.Raw.Select(slice => Logs(slice, filter).Where(r => r.UserId != null).Select(r => r.UserId!.Value)).ToList();
        foreach (var (span, daily) in Spans(plan))
        {
            parts.Add((daily, filter.IsEmpty) switch
            {
                (false, true) => InSpan(db.HourlyActiveUsers, span).Select(u => u.UserId),
                (true, true) => InSpan(db.DailyActiveUsers, span).Select(u => u.UserId),
                (false, false) => Cube(db.HourlyRequestCubes, span, filter).Where(c => c.UserId != 0).Select(c => c.UserId),
                (true, false) => Cube(db.DailyRequestCubes, span, filter).Where(c => c.UserId != 0).Select(c => c.UserId),
            });
        }

        return parts.Aggregate((all, part) => all.Union(part));
    }

    /// <summary>Distinct users under a model or endpoint filter, as the pairs' text keys: the model's or endpoint's user pairs, the raw edges' ids as text.</summary>
    private IQueryable<string> PairedActiveUsers(RollupPlan plan, DashboardFilter filter, DimensionKey paired)
    {
        var parts = plan.Raw.Select(slice => Logs(slice, filter).Where(r => r.UserId != null).Select(r => r.UserId!.Value.ToString())).ToList();
        parts.AddRange(Spans(plan).Select(s => s.Daily
            ? Pairs(db.DailyRequestPairs, s.Span, paired, RollupDimension.User).Select(p => p.ByKey)
            : Pairs(db.HourlyRequestPairs, s.Span, paired, RollupDimension.User).Select(p => p.ByKey)));
        return parts.Aggregate((all, part) => all.Union(part));
    }

    /// <summary>The user whose sessions the filter selects: the user filter, or the API key's user; null without either.</summary>
    private async Task<int?> SessionUserAsync(DashboardFilter filter, CancellationToken cancellationToken)
    {
        if (filter.ApiKeyId is not int apiKeyId)
        {
            return filter.UserId;
        }

        var owner = await db.ApiKeys.AsNoTracking().Where(k => k.Id == apiKeyId).Select(k => (int?)k.UserId).FirstOrDefaultAsync(cancellationToken);

        // A key of another user than the user filter, or no such key: no request matches, so no session does.
        return owner is null || (filter.UserId is int userId && userId != owner) ? 0 : owner;
    }

    private static async Task<(long Count, long Requests, decimal Cost)> SessionSumsAsync(IQueryable<UserSession> sessions, CancellationToken cancellationToken)
    {
        var sums = await sessions
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.LongCount(), Cost = g.Sum(s => s.TotalCost), Requests = g.Sum(s => (long)s.TotalRequests) })
            .FirstOrDefaultAsync(cancellationToken);
        return sums is null ? default : (sums.Count, sums.Requests, sums.Cost);
    }

    private static async Task<(long Sessions, long Requests, long CostUnits)> RolledSessionSumsAsync<T>(IQueryable<T> rollups, BucketSpan span, CancellationToken cancellationToken)
        where T : SessionRollup
    {
        var sums = await InSpan(rollups, span)
            .GroupBy(_ => 1)
            .Select(g => new { Sessions = g.Sum(s => s.Sessions), Requests = g.Sum(s => s.Requests), Cost = g.Sum(s => s.CostUnits) })
            .FirstOrDefaultAsync(cancellationToken);
        return sums is null ? default : (sums.Sessions, sums.Requests, sums.Cost);
    }

    private static IQueryable<T> Totals<T>(IQueryable<T> rollups, BucketSpan span)
        where T : RequestRollup =>
        Dimension(rollups, span, RollupDimension.Total);

    private static IQueryable<T> Dimension<T>(IQueryable<T> rollups, BucketSpan span, RollupDimension dimension)
        where T : RequestRollup =>
        InSpan(rollups, span).Where(r => r.Dimension == dimension);

    private static IQueryable<T> Dimension<T>(IQueryable<T> rollups, BucketSpan span, DimensionKey one)
        where T : RequestRollup
    {
        var (dimension, key) = (one.Dimension, one.Key);
        return InSpan(rollups, span).Where(r => r.Dimension == dimension && r.Key == key);
    }

    /// <summary>
    /// A filter on one dimension alone (the source is not a dimension of these rollups) is one row per bucket of that
    /// dimension's rollup — a few rows instead of every cube row of the bucket that matches (at 1 million rows the cube
    /// read a chat-endpoint filter's 90 days from ~36,000 rows, each a sketch to merge). Percentiles also need the
    /// dimension to keep sketches (<see cref="RequestRollup.KeepsSketches"/>: the model and the endpoint do).
    /// </summary>
    private static DimensionKey? OneDimension(DashboardFilter filter) => filter switch
    {
        { Endpoint: { } endpoint, Model: null, UserId: null, ApiKeyId: null, Source: null } => new DimensionKey(RollupDimension.Endpoint, endpoint),
        { Model: { } model, UserId: null, ApiKeyId: null, Endpoint: null, Source: null } => new DimensionKey(RollupDimension.Model, model),
        { UserId: int userId, Model: null, ApiKeyId: null, Endpoint: null, Source: null } => new DimensionKey(RollupDimension.User, userId.ToString(CultureInfo.InvariantCulture)),
        { ApiKeyId: int apiKeyId, Model: null, UserId: null, Endpoint: null, Source: null } => new DimensionKey(RollupDimension.ApiKey, apiKeyId.ToString(CultureInfo.InvariantCulture)),
        _ => null,
    };

    /// <summary>
    /// The latency and TTFT sketches of one span: the totals' without a filter, the one filtered dimension's when it keeps
    /// sketches, else the matching cube rows'. A dimension row whose sketch counts fewer requests than the row was written
    /// before its dimension kept sketches (decision 122, until <c>rebuild-rollups</c>): the span is then read from the cube.
    /// </summary>
    private async Task<List<SketchRow>> SketchRowsAsync(BucketSpan span, bool daily, DashboardFilter filter, CancellationToken cancellationToken)
    {
        if (filter.IsEmpty)
        {
            return await (daily ? Sketches(Totals(db.DailyRequestRollups, span)) : Sketches(Totals(db.HourlyRequestRollups, span))).ToListAsync(cancellationToken);
        }

        if (OneDimension(filter) is { } one && RequestRollup.KeepsSketches(one.Dimension))
        {
            var rows = await (daily ? Sketches(Dimension(db.DailyRequestRollups, span, one)) : Sketches(Dimension(db.HourlyRequestRollups, span, one))).ToListAsync(cancellationToken);
            if (rows.All(r => LatencySketch.CountOf(r.LatencySketch) == r.Requests))
            {
                return rows;
            }
        }

        return await (daily ? Sketches(Cube(db.DailyRequestCubes, span, filter)) : Sketches(Cube(db.HourlyRequestCubes, span, filter))).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The endpoint table's rows of one span: the endpoint rollup without a filter or under an endpoint filter, the
    /// model's endpoint pairs under a model filter (unless written before they kept sketches), else the cube's rows.
    /// </summary>
    private async Task<List<EndpointRow>> EndpointRowsAsync(BucketSpan span, bool daily, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var one = OneDimension(filter);
        if (filter.IsEmpty)
        {
            return await (daily ? EndpointRows(Dimension(db.DailyRequestRollups, span, RollupDimension.Endpoint)) : EndpointRows(Dimension(db.HourlyRequestRollups, span, RollupDimension.Endpoint))).ToListAsync(cancellationToken);
        }

        if (one?.Dimension == RollupDimension.Endpoint)
        {
            return await (daily ? EndpointRows(Dimension(db.DailyRequestRollups, span, one)) : EndpointRows(Dimension(db.HourlyRequestRollups, span, one))).ToListAsync(cancellationToken);
        }

        if (one?.Dimension == RollupDimension.Model)
        {
            var pairs = daily ? PairEndpointRows(Pairs(db.DailyRequestPairs, span, one, RollupDimension.Endpoint)) : PairEndpointRows(Pairs(db.HourlyRequestPairs, span, one, RollupDimension.Endpoint));
            var rows = await pairs.ToListAsync(cancellationToken);
            if (rows.All(r => LatencySketch.CountOf(r.LatencySketch) == r.Requests))
            {
                return rows;
            }
        }

        return await (daily ? CubeEndpointRows(Cube(db.DailyRequestCubes, span, filter)) : CubeEndpointRows(Cube(db.HourlyRequestCubes, span, filter))).ToListAsync(cancellationToken);
    }

    /// <summary>A filter on the model alone or the endpoint alone, whose breakdowns are read from the pairs (<see cref="RequestPair"/>).</summary>
    private static DimensionKey? PairedFilter(DashboardFilter filter) =>
        OneDimension(filter) is { } one && RequestPair.IsPairedFilter(one.Dimension) ? one : null;

    private static IQueryable<T> Pairs<T>(IQueryable<T> pairs, BucketSpan span, DimensionKey filter, RollupDimension by)
        where T : RequestPair
    {
        var (dimension, key) = (filter.Dimension, filter.Key);
        return InSpan(pairs, span).Where(p => p.Dimension == dimension && p.Key == key && p.By == by);
    }

    private static IQueryable<T> Cube<T>(IQueryable<T> cubes, BucketSpan span, DashboardFilter filter)
        where T : RequestCube =>
        SummedRows.Matching(InSpan(cubes, span), filter);

    private static IQueryable<SketchRow> Sketches<T>(IQueryable<T> rows)
        where T : RequestSums =>
        rows.Select(r => new SketchRow(EF.Property<DateTime>(r, nameof(RequestRollup.BucketStart)), r.Requests, r.LatencySketch, r.TtftSketch, r.TtftUs));

    private static IQueryable<EndpointRow> EndpointRows<T>(IQueryable<T> rollups)
        where T : RequestRollup =>
        rollups.Select(r => new EndpointRow(r.Key, r.Requests, r.Errors, r.LatencySketch));

    private static IQueryable<EndpointRow> PairEndpointRows<T>(IQueryable<T> pairs)
        where T : RequestPair =>
        pairs.Select(p => new EndpointRow(p.ByKey, p.Requests, p.Errors, p.LatencySketch));

    private static IQueryable<EndpointRow> CubeEndpointRows<T>(IQueryable<T> cubes)
        where T : RequestCube =>
        cubes.Select(c => new EndpointRow(c.Endpoint, c.Requests, c.Errors, c.LatencySketch));

    private static IQueryable<T> InSpan<T>(IQueryable<T> rollups, BucketSpan span)
        where T : class
    {
        var (from, to) = (span.From, span.To);
        return rollups.AsNoTracking().Where(r => EF.Property<DateTime>(r, nameof(RequestRollup.BucketStart)) >= from && EF.Property<DateTime>(r, nameof(RequestRollup.BucketStart)) < to);
    }

    private IQueryable<RequestLog> Logs(RawSlice slice, DashboardFilter filter)
    {
        var (from, to) = (slice.From, slice.To);
        var logs = db.RequestLogs.AsNoTracking().Where(r => r.CreatedAt >= from);
        return SummedRows.Matching(slice.IncludesTo ? logs.Where(r => r.CreatedAt <= to) : logs.Where(r => r.CreatedAt < to), filter);
    }

    private IQueryable<UserSession> Sessions(RawSlice slice)
    {
        var (from, to) = (slice.From, slice.To);
        var sessions = db.UserSessions.AsNoTracking().Where(s => s.SessionStart >= from);
        return slice.IncludesTo ? sessions.Where(s => s.SessionStart <= to) : sessions.Where(s => s.SessionStart < to);
    }

    private LatencyBuilder Builder(SortedDictionary<int, LatencyBuilder> buckets, int index)
    {
        if (!buckets.TryGetValue(index, out var builder))
        {
            builder = new LatencyBuilder(_rawOnly);
            buckets.Add(index, builder);
        }

        return builder;
    }

    private static List<(string Key, Sums Sums)> Text(List<(int Key, Sums Sums)> rows) =>
        rows.Select(r => (r.Key.ToString(CultureInfo.InvariantCulture), r.Sums)).ToList();

    private static Dictionary<int, Sums> ById(Dictionary<string, Sums> sums) =>
        sums.ToDictionary(s => int.Parse(s.Key, CultureInfo.InvariantCulture), s => s.Value);

    private static Dictionary<string, long> Requests(Dictionary<string, Sums> sums) =>
        sums.ToDictionary(s => s.Key, s => s.Value.Requests, StringComparer.Ordinal);

    private static List<LabelCount> Top(Dictionary<string, long> counts, int limit) => counts
        .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
        .Take(limit)
        .Select(c => new LabelCount(c.Key, c.Value))
        .ToList();

    private static void Merge(Dictionary<string, Sums> sums, IEnumerable<(string Key, Sums Sums)> part)
    {
        foreach (var (key, value) in part)
        {
            sums[key] = sums.TryGetValue(key, out var sum) ? sum.Plus(value) : value;
        }
    }

    private static void Add(SortedDictionary<int, Sums> totals, int bucket, Sums sums) =>
        totals[bucket] = totals.TryGetValue(bucket, out var sum) ? sum.Plus(sums) : sums;

    private sealed record SketchRow(DateTime BucketStart, long Requests, byte[] LatencySketch, byte[] TtftSketch, long TtftUs);

    private sealed record EndpointRow(string Endpoint, long Requests, long Errors, byte[] LatencySketch);

    private sealed record RatingRow(int Rating, long Count);

    private sealed record DimensionKey(RollupDimension Dimension, string Key);
}
