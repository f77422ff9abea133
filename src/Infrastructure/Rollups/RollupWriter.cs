using System.Data.Common;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Infrastructure.Persistence.Configurations;
using Microsoft.Data.Sqlite;

namespace CleanDashboard.Infrastructure.Rollups;

/// <summary>
/// Adds a <see cref="RollupBatch"/> to the rollup tables inside the caller's transaction: per table one multi-row upsert
/// that adds to what is there (<c>ON CONFLICT ... DO UPDATE</c>, the same SQL on SQLite and PostgreSQL), so concurrent
/// writers never lose each other's counts. Sketches are merged in the same upsert on SQLite, by a function of ours
/// (<see cref="SqliteSketchMerge"/>, docs/decisions/132); PostgreSQL cannot run it, so there, after the upsert has
/// locked the rows, one read finds the rows that were there before the batch, and one <c>UPDATE ... FROM (VALUES ...)</c>
/// writes their merged sketches (docs/decisions/075, 107). Rows go in key order, so two writers lock shared rows in the same order.
/// </summary>
internal sealed class RollupWriter(DbConnection connection, DbTransaction transaction)
{
    private static readonly string[] SumColumns = ["Requests", "Errors", "LatencyUs", "Tokens", "RowsWithTokens", "CostUnits", "RowsWithCost", "TtftCount", "TtftUs"];
    private static readonly string[] SketchColumns = ["LatencySketch", "TtftSketch"];
    private static readonly string[] RollupKey = ["BucketStart", "Dimension", "Key"];
    private static readonly string[] CubeKey = ["BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Source"];
    private static readonly string[] PairKey = ["Dimension", "Key", "By", "BucketStart", "ByKey"];
    private static readonly string[] FacetKey = ["BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Source", "Facet", "Key"];
    private static readonly string[] ActiveUserKey = ["BucketStart", "UserId"];
    private static readonly string[] SessionKey = ["BucketStart"];
    private static readonly string[] SessionSums = ["Sessions", "Requests", "CostUnits"];

    private readonly MultiRowStatement _statements = new(connection, transaction);
    private readonly bool _mergesSketchesInSql = RegisterSketchMerge(connection);

    public async Task WriteAsync(RollupBatch batch, CancellationToken cancellationToken)
    {
        await WriteSumsAsync(RollupTables.HourlyRequests, RollupKey, batch.HourlyRequests, RollupKeyValues, batch, cancellationToken);
        await WriteSumsAsync(RollupTables.DailyRequests, RollupKey, batch.DailyRequests, RollupKeyValues, batch, cancellationToken);
        await WriteSumsAsync(RollupTables.HourlyCubes, CubeKey, batch.HourlyCubes, CubeKeyValues, batch, cancellationToken);
        await WriteSumsAsync(RollupTables.DailyCubes, CubeKey, batch.DailyCubes, CubeKeyValues, batch, cancellationToken);
        await WriteSumsAsync(RollupTables.HourlyPairs, PairKey, batch.HourlyPairs, PairKeyValues, batch, cancellationToken);
        await WriteSumsAsync(RollupTables.DailyPairs, PairKey, batch.DailyPairs, PairKeyValues, batch, cancellationToken);
        await AddAsync(RollupTables.HourlyFacets, FacetKey, ["Requests"], batch.HourlyFacets.Select(FacetValues), cancellationToken);
        await AddAsync(RollupTables.DailyFacets, FacetKey, ["Requests"], batch.DailyFacets.Select(FacetValues), cancellationToken);
        await AddAsync(RollupTables.HourlyActiveUsers, ActiveUserKey, [], batch.HourlyActiveUsers.Select(ActiveUserValues), cancellationToken);
        await AddAsync(RollupTables.DailyActiveUsers, ActiveUserKey, [], batch.DailyActiveUsers.Select(ActiveUserValues), cancellationToken);
        await AddAsync(RollupTables.HourlySessions, SessionKey, SessionSums, batch.HourlySessions.Select(SessionValues), cancellationToken);
        await AddAsync(RollupTables.DailySessions, SessionKey, SessionSums, batch.DailySessions.Select(SessionValues), cancellationToken);
        if (batch.SessionsMoved)
        {
            await DeleteEmptySessionBucketsAsync(RollupTables.HourlySessions, cancellationToken);
            await DeleteEmptySessionBucketsAsync(RollupTables.DailySessions, cancellationToken);
        }
    }

    /// <summary>A bucket whose only sessions moved out holds nothing; a rebuild would not write it, so neither does the writer.</summary>
    private async Task DeleteEmptySessionBucketsAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""DELETE FROM {table} WHERE "Sessions" = 0 AND "Requests" = 0 AND "CostUnits" = 0;""";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static object[] RollupKeyValues(RequestRollup row) => [row.BucketStart, (int)row.Dimension, row.Key];

    private static object[] CubeKeyValues(RequestCube row) => [row.BucketStart, row.ModelName, row.UserId, row.ApiKeyId, row.Endpoint, row.Source];

    private static object[] PairKeyValues(RequestPair row) => [(int)row.Dimension, row.Key, (int)row.By, row.BucketStart, row.ByKey];

    private static object[] FacetValues(RequestFacet row) =>
        [row.BucketStart, row.ModelName, row.UserId, row.ApiKeyId, row.Endpoint, row.Source, (int)row.Facet, row.Key, row.Requests];

    private static object[] ActiveUserValues(ActiveUser user) => [user.BucketStart, user.UserId];

    private static object[] SessionValues(SessionRollup row) => [row.BucketStart, row.Sessions, row.Requests, row.CostUnits];

    /// <summary>Upserts rows (key values first, then <paramref name="sums"/>) adding the sums to a row that is there; with no sums, inserts what is missing.</summary>
    private Task AddAsync(string table, string[] key, string[] sums, IEnumerable<object[]> rows, CancellationToken cancellationToken)
    {
        var sorted = rows.ToArray();
        Array.Sort(sorted, (a, b) => RowOrder.Compare(a, b, key.Length));
        var conflict = sums.Length == 0
            ? "DO NOTHING"
            : "DO UPDATE SET " + string.Join(", ", sums.Select(c => $"\"{c}\" = {table}.\"{c}\" + excluded.\"{c}\""));
        return _statements.ExecuteAsync(
            sorted,
            values => $"INSERT INTO {table} ({Quoted([.. key, .. sums])}) {values} ON CONFLICT ({Quoted(key)}) {conflict};",
            cancellationToken);
    }

    private async Task WriteSumsAsync<T>(string table, string[] key, IEnumerable<T> batchRows, Func<T, object[]> keyValues, RollupBatch batch, CancellationToken cancellationToken)
        where T : RequestSums
    {
        var rows = batchRows.Select(r => batch.SketchesOf(r) is var (latency, ttft)
            ? new KeyedRow(r, keyValues(r), latency.ToBytes(), ttft.ToBytes())
            : new KeyedRow(r, keyValues(r), null, null)).ToArray();
        Array.Sort(rows, (a, b) => RowOrder.Compare(a.Key, b.Key, key.Length));
        var sums = rows.Select(r => (object[])
        [
            .. r.Key, r.Row.Requests, r.Row.Errors, r.Row.LatencyUs, r.Row.Tokens, r.Row.RowsWithTokens, r.Row.CostUnits, r.Row.RowsWithCost, r.Row.TtftCount, r.Row.TtftUs,
            r.Latency ?? [], r.Ttft ?? [],
        ]).ToArray();
        var add = string.Join(", ", SumColumns.Select(c => $"\"{c}\" = {table}.\"{c}\" + excluded.\"{c}\""));
        if (_mergesSketchesInSql)
        {
            add += string.Concat(SketchColumns.Select(c => $", \"{c}\" = {SqliteSketchMerge.Sql($"{table}.\"{c}\"", $"excluded.\"{c}\"")}"));
        }

        await _statements.ExecuteAsync(
            sums,
            values => $"INSERT INTO {table} ({Quoted([.. key, .. SumColumns, .. SketchColumns])}) {values} ON CONFLICT ({Quoted(key)}) DO UPDATE SET {add};",
            cancellationToken);
        if (_mergesSketchesInSql)
        {
            return;
        }

        var sketched = rows.Where(r => r.Latency is not null).ToArray();
        var merged = await MergeStoredSketchesAsync(table, key, sketched, cancellationToken);
        await _statements.ExecuteAsync(
            merged,
            values => $"""
                UPDATE {table} SET "LatencySketch" = v.column1, "TtftSketch" = v.column2 FROM ({values}) AS v
                WHERE {string.Join(" AND ", key.Select((c, i) => $"{table}.\"{c}\" = v.column{i + 3}"))};
                """,
            cancellationToken);
    }

    /// <summary>
    /// Reads the sketches of the rows that were there before this batch (their requests now exceed the batch's), in one
    /// query per chunk, and returns each such row's merged sketches followed by its key, for the write-back.
    /// </summary>
    private async Task<List<object[]>> MergeStoredSketchesAsync(string table, string[] key, KeyedRow[] sketched, CancellationToken cancellationToken)
    {
        var merged = new List<object[]>();
        var probes = sketched.Select((r, i) => (object[])[i, .. r.Key, r.Row.Requests]).ToArray();
        await _statements.ReadSketchesAsync(
            probes,
            values => $"""
                SELECT v.column1, {table}."LatencySketch", {table}."TtftSketch" FROM ({values}) AS v
                JOIN {table} ON {string.Join(" AND ", key.Select((c, i) => $"{table}.\"{c}\" = v.column{i + 2}"))}
                WHERE {table}."Requests" <> v.column{key.Length + 2};
                """,
            (index, storedLatency, storedTtft) =>
            {
                var row = sketched[index];
                merged.Add([LatencySketch.MergeBytes(storedLatency, row.Latency), LatencySketch.MergeBytes(storedTtft, row.Ttft), .. row.Key]);
            },
            cancellationToken);
        return merged;
    }

    private static bool RegisterSketchMerge(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return false;
        }

        SqliteSketchMerge.Register(sqlite);
        return true;
    }

    private static string Quoted(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    /// <summary>A batch's row with its key values and, where its kind keeps them, its sketches serialized.</summary>
    private sealed record KeyedRow(RequestSums Row, object[] Key, byte[]? Latency, byte[]? Ttft);
}
