using System.Globalization;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Infrastructure.Rollups;

/// <summary>
/// What a set of request logs and session changes adds to the rollup tables, summed in memory so a batch
/// of thousands of rows becomes a few dozen upserts. Every figure is an exact integer sum.
/// </summary>
public sealed class RollupBatch
{
    private readonly Dictionary<(DateTime, RollupDimension, string), HourlyRequestRollup> _hourlyRequests = [];
    private readonly Dictionary<(DateTime, RollupDimension, string), DailyRequestRollup> _dailyRequests = [];
    private readonly HashSet<(DateTime, int)> _hourlyUsers = [];
    private readonly HashSet<(DateTime, int)> _dailyUsers = [];
    private readonly Dictionary<DateTime, HourlySessionRollup> _hourlySessions = [];
    private readonly Dictionary<DateTime, DailySessionRollup> _dailySessions = [];

    public IEnumerable<HourlyRequestRollup> HourlyRequests => _hourlyRequests.Values;

    public IEnumerable<DailyRequestRollup> DailyRequests => _dailyRequests.Values;

    public IEnumerable<HourlyActiveUser> HourlyActiveUsers => _hourlyUsers.Select(u => new HourlyActiveUser { BucketStart = u.Item1, UserId = u.Item2 });

    public IEnumerable<DailyActiveUser> DailyActiveUsers => _dailyUsers.Select(u => new DailyActiveUser { BucketStart = u.Item1, UserId = u.Item2 });

    public IEnumerable<HourlySessionRollup> HourlySessions => _hourlySessions.Values;

    public IEnumerable<DailySessionRollup> DailySessions => _dailySessions.Values;

    public void AddRequest(RequestLog log) =>
        AddRequest(log.CreatedAt, log.ModelName, log.CountryCode, log.StatusCode, log.LatencyMs, log.TotalTokens, log.CostUsd, log.UserId);

    public void AddRequest(DateTime createdAt, string modelName, string countryCode, int statusCode, double latencyMs, int? totalTokens, decimal? costUsd, int? userId)
    {
        var hour = RollupMath.HourOf(createdAt);
        var day = RollupMath.DayOf(createdAt);
        var latencyUs = RollupMath.ToMicroseconds(latencyMs);
        var cost = costUsd is decimal usd ? RollupMath.ToCostUnits(usd) : (long?)null;
        var status = statusCode.ToString(CultureInfo.InvariantCulture);

        foreach (var (dimension, key) in Dimensions(modelName, countryCode, status))
        {
            Add(Row(_hourlyRequests, (hour, dimension, key)), statusCode, latencyUs, totalTokens, cost);
            Add(Row(_dailyRequests, (day, dimension, key)), statusCode, latencyUs, totalTokens, cost);
        }

        if (userId is int user)
        {
            _hourlyUsers.Add((hour, user));
            _dailyUsers.Add((day, user));
        }
    }

    /// <summary>Counts session activity into the bucket the session started in.</summary>
    public void AddSession(DateTime sessionStart, int startedSessions, long requests, decimal cost)
    {
        var units = RollupMath.ToCostUnits(cost);
        Add(SessionRow(_hourlySessions, RollupMath.HourOf(sessionStart)), startedSessions, requests, units);
        Add(SessionRow(_dailySessions, RollupMath.DayOf(sessionStart)), startedSessions, requests, units);
    }

    private static IEnumerable<(RollupDimension, string)> Dimensions(string modelName, string countryCode, string status)
    {
        yield return (RollupDimension.Total, string.Empty);
        if (modelName.Length > 0)
        {
            yield return (RollupDimension.Model, modelName);
        }

        yield return (RollupDimension.Country, countryCode);
        yield return (RollupDimension.Status, status);
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

    private static void Add(RequestRollup row, int statusCode, long latencyUs, int? tokens, long? cost)
    {
        row.Requests++;
        row.Errors += statusCode >= 400 ? 1 : 0;
        row.LatencyUs += latencyUs;
        if (tokens is int t)
        {
            row.Tokens += t;
            row.RowsWithTokens++;
        }

        if (cost is long c)
        {
            row.CostUnits += c;
            row.RowsWithCost++;
        }
    }

    private static void Add(SessionRollup row, int startedSessions, long requests, long costUnits)
    {
        row.Sessions += startedSessions;
        row.Requests += requests;
        row.CostUnits += costUnits;
    }
}
