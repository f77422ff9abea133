using System.Data.Common;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Infrastructure.Persistence.Configurations;

namespace CleanDashboard.Infrastructure.Rollups;

/// <summary>
/// Adds a <see cref="RollupBatch"/> to the rollup tables inside the caller's transaction. Each row is an
/// upsert that adds to what is there (<c>ON CONFLICT ... DO UPDATE</c>, the same SQL on SQLite and PostgreSQL),
/// so concurrent writers never lose each other's counts. A row's latency sketches cannot be added in SQL: a new row
/// is inserted with the batch's sketches; an existing one (its upsert returns more requests than the batch brought)
/// is read back under the upsert's row lock, merged and written (docs/decisions/075).
/// </summary>
internal sealed class RollupWriter(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private static readonly string[] SumColumns = ["Requests", "Errors", "LatencyUs", "Tokens", "RowsWithTokens", "CostUnits", "RowsWithCost", "TtftCount", "TtftUs"];
    private static readonly string[] RollupKey = ["BucketStart", "Dimension", "Key"];
    private static readonly string[] CubeKey = ["BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint"];
    private static readonly string[] FacetKey = ["BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Facet", "Key"];

    private readonly Dictionary<string, DbCommand> _commands = [];

    public async Task WriteAsync(RollupBatch batch, CancellationToken cancellationToken)
    {
        foreach (var row in batch.HourlyRequests)
        {
            await UpsertSumsAsync(RollupTables.HourlyRequests, RollupKey, RollupKeyValues(row), row, batch, cancellationToken);
        }

        foreach (var row in batch.DailyRequests)
        {
            await UpsertSumsAsync(RollupTables.DailyRequests, RollupKey, RollupKeyValues(row), row, batch, cancellationToken);
        }

        foreach (var row in batch.HourlyCubes)
        {
            await UpsertSumsAsync(RollupTables.HourlyCubes, CubeKey, CubeKeyValues(row), row, batch, cancellationToken);
        }

        foreach (var row in batch.DailyCubes)
        {
            await UpsertSumsAsync(RollupTables.DailyCubes, CubeKey, CubeKeyValues(row), row, batch, cancellationToken);
        }

        foreach (var row in batch.HourlyFacets)
        {
            await UpsertFacetAsync(RollupTables.HourlyFacets, row, cancellationToken);
        }

        foreach (var row in batch.DailyFacets)
        {
            await UpsertFacetAsync(RollupTables.DailyFacets, row, cancellationToken);
        }

        foreach (var user in batch.HourlyActiveUsers)
        {
            await InsertActiveUserAsync(RollupTables.HourlyActiveUsers, user, cancellationToken);
        }

        foreach (var user in batch.DailyActiveUsers)
        {
            await InsertActiveUserAsync(RollupTables.DailyActiveUsers, user, cancellationToken);
        }

        foreach (var row in batch.HourlySessions)
        {
            await UpsertSessionsAsync(RollupTables.HourlySessions, row, cancellationToken);
        }

        foreach (var row in batch.DailySessions)
        {
            await UpsertSessionsAsync(RollupTables.DailySessions, row, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
    }

    private static object[] RollupKeyValues(RequestRollup row) => [row.BucketStart, (int)row.Dimension, row.Key];

    private static object[] CubeKeyValues(RequestCube row) => [row.BucketStart, row.ModelName, row.UserId, row.ApiKeyId, row.Endpoint];

    private async Task UpsertSumsAsync(string table, string[] key, object[] keyValues, RequestSums row, RollupBatch batch, CancellationToken cancellationToken)
    {
        var sketches = batch.SketchesOf(row);
        string[] columns = [.. key, .. SumColumns, "LatencySketch", "TtftSketch"];
        object[] values =
        [
            .. keyValues, row.Requests, row.Errors, row.LatencyUs, row.Tokens, row.RowsWithTokens, row.CostUnits, row.RowsWithCost, row.TtftCount, row.TtftUs,
            sketches?.Latency.ToBytes() ?? [], sketches?.Ttft.ToBytes() ?? [],
        ];
        var sql = $"""
            INSERT INTO {table} ({Quoted(columns)}) VALUES ({Parameters(columns)})
            ON CONFLICT ({Quoted(key)}) DO UPDATE SET {string.Join(", ", SumColumns.Select(c => $"\"{c}\" = {table}.\"{c}\" + excluded.\"{c}\""))}
            RETURNING "Requests";
            """;
        var requests = Convert.ToInt64(await ScalarAsync($"{table}:upsert", sql, columns, values, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (sketches is not { } added || requests == row.Requests)
        {
            return;
        }

        // The row was there before this batch: add the batch's sketches to the stored ones.
        var stored = await ReadSketchesAsync(table, key, keyValues, cancellationToken);
        stored.Latency.Merge(added.Latency);
        stored.Ttft.Merge(added.Ttft);
        string[] updateColumns = ["LatencySketch", "TtftSketch", .. key];
        await ExecuteAsync(
            $"{table}:sketches",
            $"UPDATE {table} SET \"LatencySketch\" = @p0, \"TtftSketch\" = @p1 WHERE {Matching(key, firstParameter: 2)};",
            updateColumns,
            [stored.Latency.ToBytes(), stored.Ttft.ToBytes(), .. keyValues],
            cancellationToken);
    }

    private async Task<(LatencySketch Latency, LatencySketch Ttft)> ReadSketchesAsync(string table, string[] key, object[] keyValues, CancellationToken cancellationToken)
    {
        var command = Command($"{table}:read", $"SELECT \"LatencySketch\", \"TtftSketch\" FROM {table} WHERE {Matching(key, firstParameter: 0)};", key.Length);
        for (var i = 0; i < keyValues.Length; i++)
        {
            command.Parameters[i].Value = keyValues[i];
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (LatencySketch.FromBytes((byte[])reader[0]), LatencySketch.FromBytes((byte[])reader[1]));
    }

    private Task UpsertFacetAsync(string table, RequestFacet row, CancellationToken cancellationToken)
    {
        string[] columns = [.. FacetKey, "Requests"];
        return ExecuteAsync(
            table,
            $"""
            INSERT INTO {table} ({Quoted(columns)}) VALUES ({Parameters(columns)})
            ON CONFLICT ({Quoted(FacetKey)}) DO UPDATE SET "Requests" = {table}."Requests" + excluded."Requests";
            """,
            columns,
            [row.BucketStart, row.ModelName, row.UserId, row.ApiKeyId, row.Endpoint, (int)row.Facet, row.Key, row.Requests],
            cancellationToken);
    }

    private Task InsertActiveUserAsync(string table, ActiveUser user, CancellationToken cancellationToken) =>
        ExecuteAsync(
            table,
            $"""INSERT INTO {table} ("BucketStart", "UserId") VALUES (@p0, @p1) ON CONFLICT ("BucketStart", "UserId") DO NOTHING;""",
            ["BucketStart", "UserId"],
            [user.BucketStart, user.UserId],
            cancellationToken);

    private Task UpsertSessionsAsync(string table, SessionRollup row, CancellationToken cancellationToken) =>
        ExecuteAsync(
            table,
            $"""
            INSERT INTO {table} ("BucketStart", "Sessions", "Requests", "CostUnits")
            VALUES (@p0, @p1, @p2, @p3)
            ON CONFLICT ("BucketStart") DO UPDATE SET
                "Sessions" = {table}."Sessions" + excluded."Sessions",
                "Requests" = {table}."Requests" + excluded."Requests",
                "CostUnits" = {table}."CostUnits" + excluded."CostUnits";
            """,
            ["BucketStart", "Sessions", "Requests", "CostUnits"],
            [row.BucketStart, row.Sessions, row.Requests, row.CostUnits],
            cancellationToken);

    private static string Quoted(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    private static string Parameters(string[] columns) => string.Join(", ", columns.Select((_, i) => $"@p{i}"));

    private static string Matching(string[] key, int firstParameter) => string.Join(" AND ", key.Select((c, i) => $"\"{c}\" = @p{firstParameter + i}"));

    private async Task ExecuteAsync(string name, string sql, string[] columns, object[] values, CancellationToken cancellationToken) =>
        await (await BindAsync(name, sql, columns, values, cancellationToken)).ExecuteNonQueryAsync(cancellationToken);

    private async Task<object?> ScalarAsync(string name, string sql, string[] columns, object[] values, CancellationToken cancellationToken) =>
        await (await BindAsync(name, sql, columns, values, cancellationToken)).ExecuteScalarAsync(cancellationToken);

    /// <summary>The statement with these values, prepared on first use (once its parameters have values) and reused after.</summary>
    private async Task<DbCommand> BindAsync(string name, string sql, string[] columns, object[] values, CancellationToken cancellationToken)
    {
        var created = !_commands.ContainsKey(name);
        var command = Command(name, sql, columns.Length);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        if (created)
        {
            await command.PrepareAsync(cancellationToken);
        }

        return command;
    }

    private DbCommand Command(string name, string sql, int parameters)
    {
        if (!_commands.TryGetValue(name, out var command))
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                command.Parameters.Add(parameter);
            }

            _commands.Add(name, command);
        }

        return command;
    }
}
