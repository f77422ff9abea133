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
    // Rows are found by integer keys: a request's texts (model, country, endpoint, source) are numbered once per
    // batch, so each of the ~40 rows a request adds to costs an integer hash rather than one of its strings
    // (docs/decisions/132); a row's text key is written when the row is made.
    private readonly Dictionary<string, int> _textIds = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];
    private readonly Dictionary<RowKey, Summed<HourlyRequestRollup>> _hourlyRequests = [];
    private readonly Dictionary<RowKey, Summed<DailyRequestRollup>> _dailyRequests = [];
    private readonly Dictionary<CubeKey, Summed<HourlyRequestCube>> _hourlyCubes = [];
    private readonly Dictionary<CubeKey, Summed<DailyRequestCube>> _dailyCubes = [];
    private readonly Dictionary<FacetKey, HourlyRequestFacet> _hourlyFacets = [];
    private readonly Dictionary<FacetKey, DailyRequestFacet> _dailyFacets = [];
    private readonly Dictionary<PairKey, Summed<HourlyRequestPair>> _hourlyPairs = [];
    private readonly Dictionary<PairKey, Summed<DailyRequestPair>> _dailyPairs = [];
    private readonly Dictionary<RequestSums, RowSketches> _sketches = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<(DateTime, int)> _hourlyUsers = [];
    private readonly HashSet<(DateTime, int)> _dailyUsers = [];
    private readonly Dictionary<DateTime, HourlySessionRollup> _hourlySessions = [];
    private readonly Dictionary<DateTime, DailySessionRollup> _dailySessions = [];

    public IEnumerable<HourlyRequestRollup> HourlyRequests => _hourlyRequests.Values.Select(s => s.Row);

    public IEnumerable<DailyRequestRollup> DailyRequests => _dailyRequests.Values.Select(s => s.Row);

    public IEnumerable<HourlyRequestCube> HourlyCubes => _hourlyCubes.Values.Select(s => s.Row);

    public IEnumerable<DailyRequestCube> DailyCubes => _dailyCubes.Values.Select(s => s.Row);

    public IEnumerable<HourlyRequestFacet> HourlyFacets => _hourlyFacets.Values;

    public IEnumerable<DailyRequestFacet> DailyFacets => _dailyFacets.Values;

    public IEnumerable<HourlyRequestPair> HourlyPairs => _hourlyPairs.Values.Select(s => s.Row);

    public IEnumerable<DailyRequestPair> DailyPairs => _dailyPairs.Values.Select(s => s.Row);

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
        var (model, country, endpoint, source) = (TextId(request.ModelName), TextId(request.CountryCode), TextId(request.Endpoint), TextId(request.Source));

        Span<DimensionKey> dimensions = stackalloc DimensionKey[7];
        var count = 0;
        dimensions[count++] = new DimensionKey(RollupDimension.Total, 0);
        if (request.ModelName.Length > 0)
        {
            dimensions[count++] = new DimensionKey(RollupDimension.Model, model);
        }

        dimensions[count++] = new DimensionKey(RollupDimension.Country, country);
        dimensions[count++] = new DimensionKey(RollupDimension.Status, request.StatusCode);
        if (request.UserId is int userKey)
        {
            dimensions[count++] = new DimensionKey(RollupDimension.User, userKey);
        }

        if (request.ApiKeyId is int apiKeyKey)
        {
            dimensions[count++] = new DimensionKey(RollupDimension.ApiKey, apiKeyKey);
        }

        dimensions[count++] = new DimensionKey(RollupDimension.Endpoint, endpoint);
        dimensions = dimensions[..count];

        foreach (var (dimension, key) in dimensions)
        {
            Add(Row(_hourlyRequests, new RowKey(hour, dimension, key)), figures);
            Add(Row(_dailyRequests, new RowKey(day, dimension, key)), figures);
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

                Add(PairRow(_hourlyPairs, new PairKey(dimension, key, by, hour, byKey)), figures);
                Add(PairRow(_dailyPairs, new PairKey(dimension, key, by, day, byKey)), figures);
            }
        }

        var (user, apiKey) = (request.UserId ?? 0, request.ApiKeyId ?? 0);
        var (hourCube, dayCube) = (new CubeKey(hour, model, user, apiKey, endpoint, source), new CubeKey(day, model, user, apiKey, endpoint, source));
        Add(CubeRow(_hourlyCubes, hourCube), figures);
        Add(CubeRow(_dailyCubes, dayCube), figures);
        FacetRow(_hourlyFacets, new FacetKey(hourCube, RollupDimension.Country, country)).Requests++;
        FacetRow(_dailyFacets, new FacetKey(dayCube, RollupDimension.Country, country)).Requests++;
        if (figures.IsError)
        {
            FacetRow(_hourlyFacets, new FacetKey(hourCube, RollupDimension.Status, request.StatusCode)).Requests++;
            FacetRow(_dailyFacets, new FacetKey(dayCube, RollupDimension.Status, request.StatusCode)).Requests++;
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

    private int TextId(string text)
    {
        if (!_textIds.TryGetValue(text, out var id))
        {
            id = _texts.Count;
            _texts.Add(text);
            _textIds.Add(text, id);
        }

        return id;
    }

    /// <summary>A dimension's key as the rollup tables store it: the text for texts, whole numbers written out.</summary>
    private string KeyText(RollupDimension dimension, int key) => dimension switch
    {
        RollupDimension.Total => string.Empty,
        RollupDimension.Model or RollupDimension.Country or RollupDimension.Endpoint => _texts[key],
        _ => key.ToString(CultureInfo.InvariantCulture),
    };

    private Summed<T> CubeRow<T>(Dictionary<CubeKey, Summed<T>> rows, CubeKey key)
        where T : RequestCube, new()
    {
        if (!rows.TryGetValue(key, out var summed))
        {
            var row = new T { BucketStart = key.Bucket, ModelName = _texts[key.Model], UserId = key.UserId, ApiKeyId = key.ApiKeyId, Endpoint = _texts[key.Endpoint], Source = _texts[key.Source] };
            summed = NewSummed(row, sketched: true);
            rows.Add(key, summed);
        }

        return summed;
    }

    private T FacetRow<T>(Dictionary<FacetKey, T> rows, FacetKey key)
        where T : RequestFacet, new()
    {
        if (!rows.TryGetValue(key, out var row))
        {
            var cube = key.Cube;
            row = new T
            {
                BucketStart = cube.Bucket, ModelName = _texts[cube.Model], UserId = cube.UserId, ApiKeyId = cube.ApiKeyId, Endpoint = _texts[cube.Endpoint], Source = _texts[cube.Source],
                Facet = key.Facet, Key = KeyText(key.Facet, key.Key),
            };
            rows.Add(key, row);
        }

        return row;
    }

    private Summed<T> PairRow<T>(Dictionary<PairKey, Summed<T>> rows, PairKey key)
        where T : RequestPair, new()
    {
        if (!rows.TryGetValue(key, out var summed))
        {
            var row = new T { Dimension = key.Dimension, Key = KeyText(key.Dimension, key.Key), By = key.By, BucketStart = key.Bucket, ByKey = KeyText(key.By, key.ByKey) };
            summed = NewSummed(row, RequestPair.KeepsSketches(key.Dimension, key.By));
            rows.Add(key, summed);
        }

        return summed;
    }

    private Summed<T> Row<T>(Dictionary<RowKey, Summed<T>> rows, RowKey key)
        where T : RequestRollup, new()
    {
        if (!rows.TryGetValue(key, out var summed))
        {
            var row = new T { BucketStart = key.Bucket, Dimension = key.Dimension, Key = KeyText(key.Dimension, key.Key) };
            summed = NewSummed(row, RequestRollup.KeepsSketches(key.Dimension));
            rows.Add(key, summed);
        }

        return summed;
    }

    private Summed<T> NewSummed<T>(T row, bool sketched)
        where T : RequestSums
    {
        if (!sketched)
        {
            return new Summed<T>(row, null);
        }

        var sketches = new RowSketches(new LatencySketch(), new LatencySketch());
        _sketches.Add(row, sketches);
        return new Summed<T>(row, sketches);
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

    private static void Add<T>(Summed<T> summed, RowFigures figures)
        where T : RequestSums
    {
        var row = summed.Row;
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

        if (summed.Sketches is not { } sketches)
        {
            return;
        }

        sketches.Latency.AddToBin(figures.LatencyBin);
        if (figures.TtftUs is not null)
        {
            sketches.Ttft.AddToBin(figures.TtftBin);
        }
    }

    /// <summary>A dimension and its value: a text's number in the batch, or the status code, user or API key id itself.</summary>
    private readonly record struct DimensionKey(RollupDimension Dimension, int Key);

    private readonly record struct RowKey(DateTime Bucket, RollupDimension Dimension, int Key);

    private readonly record struct PairKey(RollupDimension Dimension, int Key, RollupDimension By, DateTime Bucket, int ByKey);

    private readonly record struct CubeKey(DateTime Bucket, int Model, int UserId, int ApiKeyId, int Endpoint, int Source);

    private readonly record struct FacetKey(CubeKey Cube, RollupDimension Facet, int Key);

    /// <summary>A request's figures, with its sketch bins computed once for the many sketched rows it goes into.</summary>
    private readonly record struct RowFigures(bool IsError, long LatencyUs, long? TtftUs, int? Tokens, long? CostUnits, int LatencyBin, int TtftBin);

    /// <summary>A row the batch sums into, with its sketches when its kind keeps them.</summary>
    private sealed record Summed<T>(T Row, RowSketches? Sketches)
        where T : RequestSums;

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
