using System.Globalization;
using CleanDashboard.Domain.Entities;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Inserts request logs that already have their ids through SQLite's own statement API: bound by position, with the
/// values written as text exactly as Microsoft.Data.Sqlite writes them (a test compares the stored bytes). It skips
/// the ADO.NET layer's per-row work (parameter lookup by name, boxing, type dispatch), which on bulk loads costs as
/// much as SQLite's insert itself. For demo data at millions of rows; live traffic keeps <see cref="RowWriter"/>.
/// </summary>
internal sealed class SqliteRequestInserter : IDisposable
{
    private const string Sql = """
        INSERT INTO "request_logs" ("Id", "CreatedAt", "Endpoint", "Method", "StatusCode", "LatencyMs", "TtftMs", "ModelName", "PromptTokens", "CompletionTokens", "TotalTokens", "CostUsd", "CountryCode", "IpAddress", "UserId", "ApiKeyId", "Upstream", "CachedInputTokens", "CacheCreationTokens", "ReasoningTokens", "UsageEstimated")
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21);
        """;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public SqliteRequestInserter(SqliteConnection connection)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, Sql, out _statement));
    }

    public void Insert(RequestLog r)
    {
        var s = _statement;
        raw.sqlite3_bind_int64(s, 1, r.Id);
        raw.sqlite3_bind_text(s, 2, r.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        raw.sqlite3_bind_text(s, 3, r.Endpoint);
        raw.sqlite3_bind_text(s, 4, r.Method);
        raw.sqlite3_bind_int64(s, 5, r.StatusCode);
        raw.sqlite3_bind_double(s, 6, r.LatencyMs);
        Bind(7, r.TtftMs);
        raw.sqlite3_bind_text(s, 8, r.ModelName);
        Bind(9, r.PromptTokens);
        Bind(10, r.CompletionTokens);
        Bind(11, r.TotalTokens);
        Bind(12, r.CostUsd?.ToString("0.0###########################", CultureInfo.InvariantCulture));
        raw.sqlite3_bind_text(s, 13, r.CountryCode);
        Bind(14, r.IpAddress);
        Bind(15, r.UserId);
        Bind(16, r.ApiKeyId);
        Bind(17, r.Upstream);
        Bind(18, r.CachedInputTokens);
        Bind(19, r.CacheCreationTokens);
        Bind(20, r.ReasoningTokens);
        raw.sqlite3_bind_int64(s, 21, r.UsageEstimated ? 1 : 0);
        var result = raw.sqlite3_step(s);
        raw.sqlite3_reset(s);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Bind(int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(_statement, index);
        }
        else
        {
            raw.sqlite3_bind_text(_statement, index, value);
        }
    }

    private void Bind(int index, int? value)
    {
        if (value is int number)
        {
            raw.sqlite3_bind_int64(_statement, index, number);
        }
        else
        {
            raw.sqlite3_bind_null(_statement, index);
        }
    }

    private void Bind(int index, double? value)
    {
        if (value is double number)
        {
            raw.sqlite3_bind_double(_statement, index, number);
        }
        else
        {
            raw.sqlite3_bind_null(_statement, index);
        }
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }
}
