using System.Linq.Expressions;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Rollups;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>Exact sums of a group of request logs, from raw rows or rollups alike; cost in decimal USD.</summary>
internal sealed record Sums(long Requests, long Errors, long LatencyUs, long Tokens, long RowsWithTokens, decimal Cost, long RowsWithCost)
{
    public static readonly Sums Zero = new(0, 0, 0, 0, 0, 0m, 0);

    public Sums Plus(Sums other) => new(
        Requests + other.Requests,
        Errors + other.Errors,
        LatencyUs + other.LatencyUs,
        Tokens + other.Tokens,
        RowsWithTokens + other.RowsWithTokens,
        Cost + other.Cost,
        RowsWithCost + other.RowsWithCost);
}

/// <summary>
/// The grouped sums every dashboard figure is made of, written once for each kind of source: raw request logs
/// (summing the same whole microseconds the rollups hold, decision 031) and rollup or cube rows.
/// </summary>
internal static class SummedRows
{
    public static async Task<List<(TKey Key, Sums Sums)>> RawAsync<TKey>(IQueryable<RequestLog> logs, Expression<Func<RequestLog, TKey>> key, CancellationToken cancellationToken)
    {
        var rows = await logs
            .GroupBy(key)
            .Select(g => new
            {
                g.Key,
                Requests = g.LongCount(),
                Errors = g.LongCount(r => r.StatusCode >= 400),
                LatencyUs = g.Sum(r => (long)Math.Round(r.LatencyMs * 1000)),
                Tokens = g.Sum(r => (long?)r.TotalTokens) ?? 0,
                RowsWithTokens = g.LongCount(r => r.TotalTokens != null),
                Cost = g.Sum(r => r.CostUsd) ?? 0m,
                RowsWithCost = g.LongCount(r => r.CostUsd != null),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Key, new Sums(r.Requests, r.Errors, r.LatencyUs, r.Tokens, r.RowsWithTokens, r.Cost, r.RowsWithCost))).ToList();
    }

    public static async Task<List<(TKey Key, Sums Sums)>> RolledAsync<T, TKey>(IQueryable<T> rows, Expression<Func<T, TKey>> key, CancellationToken cancellationToken)
        where T : RequestSums
    {
        var sums = await rows
            .GroupBy(key)
            .Select(g => new
            {
                g.Key,
                Requests = g.Sum(r => r.Requests),
                Errors = g.Sum(r => r.Errors),
                LatencyUs = g.Sum(r => r.LatencyUs),
                Tokens = g.Sum(r => r.Tokens),
                RowsWithTokens = g.Sum(r => r.RowsWithTokens),
                CostUnits = g.Sum(r => r.CostUnits),
                RowsWithCost = g.Sum(r => r.RowsWithCost),
            })
            .ToListAsync(cancellationToken);
        return sums
            .Select(r => (r.Key, new Sums(r.Requests, r.Errors, r.LatencyUs, r.Tokens, r.RowsWithTokens, RollupMath.FromCostUnits(r.CostUnits), r.RowsWithCost)))
            .ToList();
    }

    /// <summary>The cube rows (or facet rows) of the filter: each filter given is an equality on its key column.</summary>
    public static IQueryable<T> Matching<T>(IQueryable<T> cubes, DashboardFilter filter)
        where T : class
    {
        if (filter.Model is { } model)
        {
            cubes = cubes.Where(c => EF.Property<string>(c, nameof(RequestCube.ModelName)) == model);
        }

        if (filter.UserId is int userId)
        {
            cubes = cubes.Where(c => EF.Property<int>(c, nameof(RequestCube.UserId)) == userId);
        }

        if (filter.ApiKeyId is int apiKeyId)
        {
            cubes = cubes.Where(c => EF.Property<int>(c, nameof(RequestCube.ApiKeyId)) == apiKeyId);
        }

        if (filter.Endpoint is { } endpoint)
        {
            cubes = cubes.Where(c => EF.Property<string>(c, nameof(RequestCube.Endpoint)) == endpoint);
        }

        if (filter.Source is { } source)
        {
            cubes = cubes.Where(c => EF.Property<string>(c, nameof(RequestCube.Source)) == source);
        }

        return cubes;
    }

    /// <summary>The raw rows of the filter.</summary>
    public static IQueryable<RequestLog> Matching(IQueryable<RequestLog> logs, DashboardFilter filter)
    {
        if (filter.Model is { } model)
        {
            logs = logs.Where(r => r.ModelName == model);
        }

        if (filter.UserId is int userId)
        {
            logs = logs.Where(r => r.UserId == userId);
        }

        if (filter.ApiKeyId is int apiKeyId)
        {
            logs = logs.Where(r => r.ApiKeyId == apiKeyId);
        }

        if (filter.Endpoint is { } endpoint)
        {
            logs = logs.Where(r => r.Endpoint == endpoint);
        }

        if (filter.Source is { } source)
        {
            logs = logs.Where(r => r.Source == source);
        }

        return logs;
    }
}
