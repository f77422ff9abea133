using CleanDashboard.Domain.Entities;
using Npgsql;
using NpgsqlTypes;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Request logs and feedback streamed with binary <c>COPY</c> (one round trip for thousands of rows) inside the
/// caller's transaction, instead of one <c>INSERT</c> round trip per row: demo data, and the writer's batches on
/// PostgreSQL (decision 128).
/// </summary>
internal static class PostgresBulkCopy
{
    private const string RequestColumns =
        """
        "CreatedAt", "Endpoint", "Method", "StatusCode", "LatencyMs", "TtftMs", "ModelName", "PromptTokens", "CompletionTokens", "TotalTokens", "CostUsd", "CountryCode", "IpAddress", "UserId", "ApiKeyId", "Upstream", "CachedInputTokens", "CacheCreationTokens", "ReasoningTokens", "UsageEstimated", "Source"
        """;

    /// <summary>Copies request logs with the ids they carry (demo data numbers its own rows).</summary>
    public static Task CopyRequestsAsync(NpgsqlConnection connection, IReadOnlyList<RequestLog> logs, CancellationToken cancellationToken) =>
        CopyRequestsAsync(connection, logs, withIds: true, cancellationToken);

    /// <summary>Copies request logs numbered by the database, in list order (their ids are not read back).</summary>
    public static Task CopyNewRequestsAsync(NpgsqlConnection connection, IReadOnlyList<RequestLog> logs, CancellationToken cancellationToken) =>
        CopyRequestsAsync(connection, logs, withIds: false, cancellationToken);

    private static async Task CopyRequestsAsync(NpgsqlConnection connection, IReadOnlyList<RequestLog> logs, bool withIds, CancellationToken cancellationToken)
    {
        var columns = withIds ? "\"Id\", " + RequestColumns : RequestColumns;
        await using var copy = await connection.BeginBinaryImportAsync($"""COPY "request_logs" ({columns}) FROM STDIN (FORMAT BINARY)""", cancellationToken);
        foreach (var r in logs)
        {
            await copy.StartRowAsync(cancellationToken);
            if (withIds)
            {
                await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint, cancellationToken);
            }

            await copy.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(r.Endpoint, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(r.Method, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(r.StatusCode, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(r.LatencyMs, NpgsqlDbType.Double, cancellationToken);
            await WriteAsync(copy, r.TtftMs, NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(r.ModelName, NpgsqlDbType.Varchar, cancellationToken);
            await WriteAsync(copy, r.PromptTokens, NpgsqlDbType.Integer, cancellationToken);
            await WriteAsync(copy, r.CompletionTokens, NpgsqlDbType.Integer, cancellationToken);
            await WriteAsync(copy, r.TotalTokens, NpgsqlDbType.Integer, cancellationToken);
            await WriteAsync(copy, r.CostUsd, NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync(r.CountryCode, NpgsqlDbType.Varchar, cancellationToken);
            await WriteAsync(copy, r.IpAddress, NpgsqlDbType.Varchar, cancellationToken);
            await WriteAsync(copy, r.UserId, NpgsqlDbType.Integer, cancellationToken);
            await WriteAsync(copy, r.ApiKeyId, NpgsqlDbType.Integer, cancellationToken);
            await WriteAsync(copy, r.Upstream, NpgsqlDbType.Varchar, cancellationToken);
            await WriteAsync(copy, r.CachedInputTokens, NpgsqlDbType.Integer, cancellationToken);
            await WriteAsync(copy, r.CacheCreationTokens, NpgsqlDbType.Integer, cancellationToken);
            await WriteAsync(copy, r.ReasoningTokens, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(r.UsageEstimated, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(r.Source, NpgsqlDbType.Varchar, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    public static async Task CopyFeedbackAsync(NpgsqlConnection connection, IReadOnlyList<FeedbackLog> feedback, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY "feedback_logs" ("RequestLogId", "UserId", "Rating", "FeedbackText", "CreatedAt", "ModelName", "ApiKeyId", "Endpoint", "Source") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var f in feedback)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(f.RequestLogId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(f.UserId, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(f.Rating, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(f.FeedbackText, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(f.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(f.ModelName, NpgsqlDbType.Varchar, cancellationToken);
            await WriteAsync(copy, f.ApiKeyId, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(f.Endpoint, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(f.Source, NpgsqlDbType.Varchar, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is T present)
        {
            await copy.WriteAsync(present, type, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
        }
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, type, cancellationToken);
        }
    }
}
