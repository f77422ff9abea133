using System.Globalization;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Infrastructure.Rollups;

/// <summary>
/// What a set of request logs and session changes adds to the rollup tables, summed in memory so a batch
/// of thousands of rows becomes a few hundred upserts. Every figure is an exact integer sum; the latency sketches
/// (kept beside the rows that have them) are exact counts too.
/// </summary>
public sealed class RollupBatch
{
    private readonly Dictionary<(DateTime, RollupDimension, string), HourlyRequestRollup> _hourlyRequests = [];
    private readonly Dictionary<(DateTime, RollupDimension, string), DailyRequestRollup> _dailyRequests = [];
    private readonly Dictionary<CubeKey, HourlyRequestCube> _hourlyCubes = [];
    private readonly Dictionary<CubeKey, DailyRequestCube> _dailyCubes = [];
    private readonly Dictionary<(CubeKey, RollupDimension, string), HourlyRequestFacet> _hourlyFacets = [];
    private readonly Dictionary<(CubeKey, RollupDimension, string), DailyRequestFacet> _dailyFacets = [];
    private readonly Dictionary<PairKey, HourlyRequestPair> _hourlyPairs = [];
    private readonly Dictionary<PairKey, DailyRequestPair> _dailyPairs = [];
    private readonly Dictionary<RequestSums, RowSketches> _sketches = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<(DateTime, int)> _hourlyUsers = [];
    private readonly HashSet<(DateTime, int)> _dailyUsers = [];
    private readonly Dictionary<DateTime, HourlySessionRollup> _hourlySessions = [];
    private readonly Dictionary<DateTime, DailySessionRollup> _dailySessions = [];

    public IEnumerable<HourlyRequestRollup> HourlyRequests => _hourlyRequests.Values;

    public IEnumerable<DailyRequestRollup> DailyRequests => _dailyRequests.Values;

    public IEnumerable<HourlyRequestCube> HourlyCubes => _hourlyCubes.Values;

    public IEnumerable<DailyRequestCube> DailyCubes => _dailyCubes.Values;

    public IEnumerable<HourlyRequestFacet> HourlyFacets => _hourlyFacets.Values;

    public IEnumerable<DailyRequestFacet> DailyFacets => _dailyFacets.Values;

    public IEnumerable<HourlyRequestPair> HourlyPairs => _hourlyPairs.Values;

    public IEnumerable<DailyRequestPair> DailyPairs => _dailyPairs.Values;

    public IEnumerable<HourlyActiveUser> HourlyActiveUsers => _hourlyUsers.Select(u => new HourlyActiveUser { BucketStart = u.Item1, UserId = u.Item2 });

    public IEnumerable<DailyActiveUser> DailyActiveUsers => _dailyUsers.Select(u => new DailyActiveUser { BucketStart = u.Item1, UserId = u.Item2 });

    public IEnumerable<HourlySessionRollup> HourlySessions => _hourlySessions.Values;

    public IEnumerable<DailySessionRollup> DailySessions => _dailySessions.Values;

    public void AddRequest(RequestLog log) =>
        AddRequest(new RolledRequest(log.CreatedAt, log.ModelName, log.CountryCode, log.StatusCode, log.LatencyMs, log.TtftMs, log.TotalTokens, log.CostUsd, log.UserId, log.ApiKeyId, log.Endpoint, log.Source));

    public void AddRequest(RolledRequest request)
    {
        var hour = RollupMath.HourOf(request.CreatedAt);
        var day = RollupMath.DayOf(request.CreatedAt);
        var latencyUs = RollupMath.ToMicroseconds(request.LatencyMs);
        long? ttftUs = request.TtftMs is double ttft ? RollupMath.ToMicroseconds(ttft) : null;
        var figures = new RowFigures(
            request.StatusCode >= 400,
            latencyUs,
            ttftUs,
            request.TotalTokens,
            request.CostUsd is decimal usd ? RollupMath.ToCostUnits(usd) : null,
            LatencySketch.BinOf(latencyUs),
            ttftUs is long t ? LatencySketch.BinOf(t) : 0);
        var status = request.StatusCode.ToString(CultureInfo.InvariantCulture);

        var dimensions = Dimensions(request, status).ToArray();
        foreach (var (dimension, key) in dimensions)
        {
            var sketched = RequestRollup.KeepsSketches(dimension);
            Add(Row(_hourlyRequests, (hour, dimension, key)), figures, sketched);
            Add(Row(_dailyRequests, (day, dimension, key)), figures, sketched);
        }

        foreach (var (dimension, key) in dimensions)
        {
            if (!RequestPair.IsPairedFilter(dimension))
            {
                continue;
            }

            foreach (var (by, byKey) in dimensions)
            {
                // Pairs count what a breakdown under the filter lists: every other dimension's value, error statuses only.
                if (by is RollupDimension.Total || by == dimension || (by is RollupDimension.Status && !figures.IsError))
                {
                    continue;
                }

                var sketched = RequestPair.KeepsSketches(dimension, by);
                Add(PairRow(_hourlyPairs, new PairKey(dimension, key, by, hour, byKey)), figures, sketched);
                Add(PairRow(_dailyPairs, new PairKey(dimension, key, by, day, byKey)), figures, sketched);
            }
        }

        var (model, user, apiKey, endpoint, source) = (request.ModelName, request.UserId ?? 0, request.ApiKeyId ?? 0, request.Endpoint, request.Source);
        var (hourCube, dayCube) = (new CubeKey(hour, model, user, apiKey, endpoint, source), new CubeKey(day, model, user, apiKey, endpoint, source));
        Add(CubeRow(_hourlyCubes, hourCube), figures, sketched: true);
        Add(CubeRow(_dailyCubes, dayCube), figures, sketched: true);
        foreach (var (facet, key) in Facets(request.CountryCode, request.StatusCode, status))
        {
            FacetRow(_hourlyFacets, (hourCube, facet, key)).Requests++;
            FacetRow(_dailyFacets, (dayCube, facet, key)).Requests++;
        }

        if (request.UserId is int userId)
        {
            _hourlyUsers.Add((hour, userId));
            _dailyUsers.Add((day, userId));
        }
    }

    /// <summary>The latency and TTFT sketches the batch adds to a row, or null for a row that keeps none.</summary>
    public (LatencySketch Latency, LatencySketch Ttft)? SketchesOf(RequestSums row) =>
        _sketches.TryGetValue(row, out var sketches) ? (sketches.Latency, sketches.Ttft) : null;

    /// <summary>True when a session left a bucket (a conversation's start moved back): a bucket may be left with no session.</summary>
    public bool SessionsMoved { get; private set; }

    /// <summary>Counts session activity into the bucket the session started in; negative figures take a session out of it.</summary>
    public void AddSession(DateTime sessionStart, int startedSessions, long requests, decimal cost)
    {
        SessionsMoved |= startedSessions < 0;
        var units = RollupMath.ToCostUnits(cost);
        Add(SessionRow(_hourlySessions, RollupMath.HourOf(sessionStart)), startedSessions, requests, units);
        Add(SessionRow(_dailySessions, RollupMath.DayOf(sessionStart)), startedSessions, requests, units);
    }

    private static IEnumerable<(RollupDimension, string)> Dimensions(RolledRequest request, string status)
    {
        yield return (RollupDimension.Total, string.Empty);
        if (request.ModelName.Length > 0)
        {
            yield return (RollupDimension.Model, request.ModelName);
        }

        yield return (RollupDimension.Country, request.CountryCode);
        yield return (RollupDimension.Status, status);
        if (request.UserId is int userId)
        {
            yield return (RollupDimension.User, userId.ToString(CultureInfo.InvariantCulture));
        }

        if (request.ApiKeyId is int apiKeyId)
        {
            yield return (RollupDimension.ApiKey, apiKeyId.ToString(CultureInfo.InvariantCulture));
        }

        yield return (RollupDimension.Endpoint, request.Endpoint);
    }

    private static IEnumerable<(RollupDimension, string)> Facets(string countryCode, int statusCode, string status)
    {
        yield return (RollupDimension.Country, countryCode);
        if (statusCode >= 400)
        {
            yield return (RollupDimension.Status, status);
        }
    }

    private static T CubeRow<T>(Dictionary<CubeKey, T> rows, CubeKey key)
        where T : RequestCube, new()
    {
        if (!rows.TryGetValue(key, out var row))
        {
            row = new T { BucketStart = key.Bucket, ModelName = key.Model, UserId = key.UserId, ApiKeyId = key.ApiKeyId, Endpoint = key.Endpoint, Source = key.Source };
            rows.Add(key, row);
        }

        return row;
    }

    private static T FacetRow<T>(Dictionary<(CubeKey, RollupDimension, string), T> rows, (CubeKey Cube, RollupDimension Facet, string Key) key)
        where T : RequestFacet, new()
    {
        if (!rows.TryGetValue(key, out var row))
        {
            var cube = key.Cube;
            row = new T { BucketStart = cube.Bucket, ModelName = cube.Model, UserId = cube.UserId, ApiKeyId = cube.ApiKeyId, Endpoint = cube.Endpoint, Source = cube.Source, Facet = key.Facet, Key = key.Key };
            rows.Add(key, row);
        }

        return row;
    }

    private static T PairRow<T>(Dictionary<PairKey, T> rows, PairKey key)
        where T : RequestPair, new()
    {
        if (!rows.TryGetValue(key, out var row))
        {
            row = new T { Dimension = key.Dimension, Key = key.Key, By = key.By, BucketStart = key.Bucket, ByKey = key.ByKey };
            rows.Add(key, row);
        }

        return row;
    }

    private static T Row<T>(Dictionary<(DateTime, RollupDimension, string), T> rows, (DateTime Bucket, RollupDimension Dimension, string Key) key)
        where T : RequestRollup, new()
    {
        if (!rows.TryGetValue(key, out var row))
        {
            row = new T { BucketStart = key.Bucket, Dimension = key.Dimension, Key = key.Key };
            rows.Add(key, row);
        }

        return row;
    }

    private static T SessionRow<T>(Dictionary<DateTime, T> rows, DateTime bucket)
        where T : SessionRollup, new()
    {
        if (!rows.TryGetValue(bucket, out var row))
        {
            row = new T { BucketStart = bucket };
            rows.Add(bucket, row);
        }

        return row;
    }

    private void Add(RequestSums row, RowFigures figures, bool sketched)
    {
        row.Requests++;
        row.Errors += figures.IsError ? 1 : 0;
        row.LatencyUs += figures.LatencyUs;
        if (figures.TtftUs is long ttft)
        {
            row.TtftUs += ttft;
            row.TtftCount++;
        }

        if (figures.Tokens is int t)
        {
            row.Tokens += t;
            row.RowsWithTokens++;
        }

        if (figures.CostUnits is long c)
        {
            row.CostUnits += c;
            row.RowsWithCost++;
        }

        if (!sketched)
        {
            return;
        }

        if (!_sketches.TryGetValue(row, out var sketches))
        {
            sketches = new RowSketches(new LatencySketch(), new LatencySketch());
            _sketches.Add(row, sketches);
        }

        sketches.Latency.AddToBin(figures.LatencyBin);
        if (figures.TtftUs is not null)
        {
            sketches.Ttft.AddToBin(figures.TtftBin);
        }
    }

    private readonly record struct PairKey(RollupDimension Dimension, string Key, RollupDimension By, DateTime Bucket, string ByKey);

    private readonly record struct CubeKey(DateTime Bucket, string Model, int UserId, int ApiKeyId, string Endpoint, string Source);

    /// <summary>A request's figures, with its sketch bins computed once for the many sketched rows it goes into.</summary>
    private readonly record struct RowFigures(bool IsError, long LatencyUs, long? TtftUs, int? Tokens, long? CostUnits, int LatencyBin, int TtftBin);

    private sealed record RowSketches(LatencySketch Latency, LatencySketch Ttft);

    private static void Add(SessionRollup row, int startedSessions, long requests, long costUnits)
    {
        row.Sessions += startedSessions;
        row.Requests += requests;
        row.CostUnits += costUnits;
    }
}

/// <summary>The fields of a request log the rollups sum.</summary>
public readonly record struct RolledRequest(
    DateTime CreatedAt,
    string ModelName,
    string CountryCode,
    int StatusCode,
    double LatencyMs,
    double? TtftMs,
    int? TotalTokens,
    decimal? CostUsd,
    int? UserId,
    int? ApiKeyId,
    string Endpoint,
    string Source);
