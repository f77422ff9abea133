using System.Data.Common;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Infrastructure.Persistence.Configurations;

namespace CleanDashboard.Infrastructure.Rollups;

/// <summary>
/// Adds a <see cref="RollupBatch"/> to the rollup tables inside the caller's transaction. Each row is an
/// upsert that adds to what is there (<c>ON CONFLICT ... DO UPDATE</c>, the same SQL on SQLite and PostgreSQL),
/// so concurrent writers never lose each other's counts.
/// </summary>
internal sealed class RollupWriter(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = [];

    public async Task WriteAsync(RollupBatch batch, CancellationToken cancellationToken)
    {
        foreach (var row in batch.HourlyRequests)
        {
            await UpsertRequestsAsync(RollupTables.HourlyRequests, row, cancellationToken);
        }

        foreach (var row in batch.DailyRequests)
        {
            await UpsertRequestsAsync(RollupTables.DailyRequests, row, cancellationToken);
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

    private Task UpsertRequestsAsync(string table, RequestRollup row, CancellationToken cancellationToken) =>
        ExecuteAsync(
            table,
            $"""
            INSERT INTO {table} ("BucketStart", "Dimension", "Key", "Requests", "Errors", "LatencyUs", "Tokens", "RowsWithTokens", "CostUnits", "RowsWithCost")
            VALUES (@bucket, @dimension, @key, @requests, @errors, @latency, @tokens, @withTokens, @cost, @withCost)
            ON CONFLICT ("BucketStart", "Dimension", "Key") DO UPDATE SET
                "Requests" = {table}."Requests" + excluded."Requests",
                "Errors" = {table}."Errors" + excluded."Errors",
                "LatencyUs" = {table}."LatencyUs" + excluded."LatencyUs",
                "Tokens" = {table}."Tokens" + excluded."Tokens",
                "RowsWithTokens" = {table}."RowsWithTokens" + excluded."RowsWithTokens",
                "CostUnits" = {table}."CostUnits" + excluded."CostUnits",
                "RowsWithCost" = {table}."RowsWithCost" + excluded."RowsWithCost";
            """,
            ["@bucket", "@dimension", "@key", "@requests", "@errors", "@latency", "@tokens", "@withTokens", "@cost", "@withCost"],
            [row.BucketStart, (int)row.Dimension, row.Key, row.Requests, row.Errors, row.LatencyUs, row.Tokens, row.RowsWithTokens, row.CostUnits, row.RowsWithCost],
            cancellationToken);

    private Task InsertActiveUserAsync(string table, ActiveUser user, CancellationToken cancellationToken) =>
        ExecuteAsync(
            table,
            $"""INSERT INTO {table} ("BucketStart", "UserId") VALUES (@bucket, @user) ON CONFLICT ("BucketStart", "UserId") DO NOTHING;""",
            ["@bucket", "@user"],
            [user.BucketStart, user.UserId],
            cancellationToken);

    private Task UpsertSessionsAsync(string table, SessionRollup row, CancellationToken cancellationToken) =>
        ExecuteAsync(
            table,
            $"""
            INSERT INTO {table} ("BucketStart", "Sessions", "Requests", "CostUnits")
            VALUES (@bucket, @sessions, @requests, @cost)
            ON CONFLICT ("BucketStart") DO UPDATE SET
                "Sessions" = {table}."Sessions" + excluded."Sessions",
                "Requests" = {table}."Requests" + excluded."Requests",
                "CostUnits" = {table}."CostUnits" + excluded."CostUnits";
            """,
            ["@bucket", "@sessions", "@requests", "@cost"],
            [row.BucketStart, row.Sessions, row.Requests, row.CostUnits],
            cancellationToken);

    /// <summary>Runs the table's statement, prepared on first use (once its parameters have values) and reused after.</summary>
    private async Task ExecuteAsync(string table, string sql, string[] names, object[] values, CancellationToken cancellationToken)
    {
        var created = !_commands.TryGetValue(table, out var command);
        if (command is null)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            _commands.Add(table, command);
        }

        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        if (created)
        {
            await command.PrepareAsync(cancellationToken);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
