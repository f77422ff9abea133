using System.Data;
using System.Data.Common;
using CleanDashboard.Domain.Entities;
using Npgsql;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Prepared statements reused for every row of a transaction: the fast path for bulk writes. The SQL is the same on
/// SQLite and PostgreSQL: <c>@name</c> parameters with fixed types, quoted identifiers, <c>RETURNING</c> for new ids.
/// </summary>
internal sealed class RowWriter(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    /// <summary>The connection the statements run on (inside the caller's transaction).</summary>
    public DbConnection Connection => connection;

    private static readonly (string Name, DbType Type)[] RequestParameters =
    [
        ("@createdAt", DbType.DateTime), ("@endpoint", DbType.String), ("@method", DbType.String), ("@status", DbType.Int32),
        ("@latency", DbType.Double), ("@ttft", DbType.Double), ("@model", DbType.String), ("@prompt", DbType.Int32),
        ("@completion", DbType.Int32), ("@total", DbType.Int32), ("@cost", DbType.Decimal), ("@country", DbType.String),
        ("@ip", DbType.String), ("@user", DbType.Int32), ("@key", DbType.Int32), ("@upstream", DbType.String),
        ("@cached", DbType.Int32), ("@cacheWrite", DbType.Int32), ("@reasoning", DbType.Int32), ("@estimated", DbType.Boolean),
        ("@source", DbType.String),
    ];

    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    private DbCommand? _request;
    private DbCommand? _requestWithId;
    private DbCommand? _feedback;
    private DbCommand? _threat;
    private DbCommand? _sessionInsert;
    private DbCommand? _sessionUpdate;
    private DbCommand? _sessionWithId;
    private DbCommand? _costUpdate;
    private DbCommand? _requestReturningId;
    private DbCommand? _upstreamAttempt;
    private readonly List<RequestLog> _pendingRequests = [];

    private const string RequestInsertNumberedByDatabase =
        """
        INSERT INTO "request_logs" ("CreatedAt", "Endpoint", "Method", "StatusCode", "LatencyMs", "TtftMs", "ModelName", "PromptTokens", "CompletionTokens", "TotalTokens", "CostUsd", "CountryCode", "IpAddress", "UserId", "ApiKeyId", "Upstream", "CachedInputTokens", "CacheCreationTokens", "ReasoningTokens", "UsageEstimated", "Source")
        VALUES (@createdAt, @endpoint, @method, @status, @latency, @ttft, @model, @prompt, @completion, @total, @cost, @country, @ip, @user, @key, @upstream, @cached, @cacheWrite, @reasoning, @estimated, @source)
        """;

    /// <summary>True on PostgreSQL, where request logs are copied in bulk (<see cref="AddRequestAsync"/>).</summary>
    public bool CopiesRequests => connection is NpgsqlConnection;

    /// <summary>
    /// Takes <paramref name="count"/> ids for request logs, ascending, in one round trip: rows given them up front can be
    /// written in bulk and still be pointed at by captures, threats and upstream attempts. PostgreSQL: from the identity
    /// sequence. SQLite: the next ones after the table's AUTOINCREMENT counter — the writer's transaction began
    /// IMMEDIATE, so no other connection inserts request logs until it commits, and the explicit ids move the counter.
    /// </summary>
    public async Task<long[]> ReserveRequestIdsAsync(int count, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (!CopiesRequests)
        {
            command.CommandText = """
                SELECT max(coalesce((SELECT "seq" FROM sqlite_sequence WHERE "name" = 'request_logs'), 0), coalesce((SELECT max("Id") FROM "request_logs"), 0))
                """;
            var last = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return [.. Enumerable.Range(1, count).Select(i => last + i)];
        }

        command.CommandText = """SELECT nextval(pg_get_serial_sequence('"request_logs"', 'Id')) FROM generate_series(1, @count)""";
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.DbType, parameter.Value) = ("@count", DbType.Int32, count);
        command.Parameters.Add(parameter);
        var ids = new List<long>(count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        ids.Sort();
        return [.. ids];
    }

    /// <summary>
    /// Adds a request log: on PostgreSQL it is kept and copied with the rows added after it in one binary <c>COPY</c>
    /// (<see cref="FlushRequestsAsync"/>, or before the next row written another way), so ids still follow the order
    /// rows were added in; on SQLite (in process, no round trip to save) it is inserted now.
    /// </summary>
    public async Task AddRequestAsync(RequestLog r, CancellationToken cancellationToken)
    {
        if (!CopiesRequests)
        {
            await InsertNowAsync(r, cancellationToken);
            return;
        }

        // One COPY either carries every row's id or none.
        if (_pendingRequests.Count > 0 && (_pendingRequests[0].Id != 0) != (r.Id != 0))
        {
            await FlushRequestsAsync(cancellationToken);
        }

        _pendingRequests.Add(r);
    }

    /// <summary>Writes the request logs <see cref="AddRequestAsync"/> kept: call before the transaction reads them or commits.</summary>
    public async Task FlushRequestsAsync(CancellationToken cancellationToken)
    {
        if (_pendingRequests.Count == 1)
        {
            await InsertNowAsync(_pendingRequests[0], cancellationToken);
        }
        else if (_pendingRequests.Count > 1)
        {
            var postgres = (NpgsqlConnection)connection;
            await (_pendingRequests[0].Id != 0
                ? PostgresBulkCopy.CopyRequestsAsync(postgres, _pendingRequests, cancellationToken)
                : PostgresBulkCopy.CopyNewRequestsAsync(postgres, _pendingRequests, cancellationToken));
        }

        _pendingRequests.Clear();
    }

    /// <summary>Inserts the request log, with its id when one was assigned, else numbered by the database (nobody needs it back).</summary>
    public async Task InsertRequestAsync(RequestLog r, CancellationToken cancellationToken)
    {
        await FlushRequestsAsync(cancellationToken);
        await InsertNowAsync(r, cancellationToken);
    }

    private async Task InsertNowAsync(RequestLog r, CancellationToken cancellationToken)
    {
        if (r.Id != 0)
        {
            _requestWithId ??= Prepare(
                """
                INSERT INTO "request_logs" ("Id", "CreatedAt", "Endpoint", "Method", "StatusCode", "LatencyMs", "TtftMs", "ModelName", "PromptTokens", "CompletionTokens", "TotalTokens", "CostUsd", "CountryCode", "IpAddress", "UserId", "ApiKeyId", "Upstream", "CachedInputTokens", "CacheCreationTokens", "ReasoningTokens", "UsageEstimated", "Source")
                VALUES (@id, @createdAt, @endpoint, @method, @status, @latency, @ttft, @model, @prompt, @completion, @total, @cost, @country, @ip, @user, @key, @upstream, @cached, @cacheWrite, @reasoning, @estimated, @source);
                """,
                [("@id", DbType.Int64), .. RequestParameters]);
            Bind(_requestWithId, r.Id, r.CreatedAt, r.Endpoint, r.Method, r.StatusCode, r.LatencyMs, r.TtftMs, r.ModelName, r.PromptTokens, r.CompletionTokens, r.TotalTokens, r.CostUsd, r.CountryCode, r.IpAddress, r.UserId, r.ApiKeyId, r.Upstream, r.CachedInputTokens, r.CacheCreationTokens, r.ReasoningTokens, Boxed(r.UsageEstimated), r.Source);
            await _requestWithId.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        _request ??= Prepare(RequestInsertNumberedByDatabase + ";", RequestParameters);
        BindRequest(_request, r);
        await _request.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts the request log numbered by the database and sets its id, for rows that point at it.</summary>
    public async Task InsertRequestReturningIdAsync(RequestLog r, CancellationToken cancellationToken)
    {
        await FlushRequestsAsync(cancellationToken);
        _requestReturningId ??= Prepare(RequestInsertNumberedByDatabase + """ RETURNING "Id";""", RequestParameters);
        BindRequest(_requestReturningId, r);
        r.Id = Convert.ToInt64(await _requestReturningId.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task InsertUpstreamAttemptAsync(UpstreamAttemptLog a, CancellationToken cancellationToken)
    {
        await FlushRequestsAsync(cancellationToken); // its request log first
        _upstreamAttempt ??= Prepare(
            """INSERT INTO "upstream_attempt_logs" ("RequestLogId", "CreatedAt", "Attempt", "Upstream", "StatusCode", "Failure", "LatencyMs") VALUES (@request, @createdAt, @attempt, @upstream, @status, @failure, @latency);""",
            ("@request", DbType.Int64), ("@createdAt", DbType.DateTime), ("@attempt", DbType.Int32), ("@upstream", DbType.String), ("@status", DbType.Int32), ("@failure", DbType.String), ("@latency", DbType.Double));
        Bind(_upstreamAttempt, a.RequestLogId, a.CreatedAt, a.Attempt, a.Upstream, a.StatusCode, a.Failure, a.LatencyMs);
        await _upstreamAttempt.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task UpdateCostAsync(long requestLogId, decimal? costUsd, CancellationToken cancellationToken)
    {
        _costUpdate ??= Prepare("""UPDATE "request_logs" SET "CostUsd" = @cost WHERE "Id" = @id;""", ("@cost", DbType.Decimal), ("@id", DbType.Int64));
        Bind(_costUpdate, costUsd, requestLogId);
        await _costUpdate.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task InsertFeedbackAsync(FeedbackLog f, CancellationToken cancellationToken)
    {
        _feedback ??= Prepare(
            """
            INSERT INTO "feedback_logs" ("RequestLogId", "UserId", "Rating", "FeedbackText", "CreatedAt", "ModelName", "ApiKeyId", "Endpoint", "Source")
            VALUES (@request, @user, @rating, @text, @createdAt, @model, @key, @endpoint, @source);
            """,
            ("@request", DbType.Int64), ("@user", DbType.Int32), ("@rating", DbType.Int32), ("@text", DbType.String), ("@createdAt", DbType.DateTime),
            ("@model", DbType.String), ("@key", DbType.Int32), ("@endpoint", DbType.String), ("@source", DbType.String));
        Bind(_feedback, f.RequestLogId, f.UserId, f.Rating, f.FeedbackText, f.CreatedAt, f.ModelName, f.ApiKeyId, f.Endpoint, f.Source);
        await _feedback.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task InsertThreatAsync(ThreatLog t, CancellationToken cancellationToken)
    {
        _threat ??= Prepare(
            """INSERT INTO "threat_logs" ("ThreatType", "Severity", "IpAddress", "Description", "Resolved", "CreatedAt", "LastSeenAt", "Occurrences") VALUES (@type, @severity, @ip, @description, @resolved, @createdAt, @lastSeen, @occurrences);""",
            ("@type", DbType.String), ("@severity", DbType.String), ("@ip", DbType.String), ("@description", DbType.String),
            ("@resolved", DbType.Boolean), ("@createdAt", DbType.DateTime), ("@lastSeen", DbType.DateTime), ("@occurrences", DbType.Int32));
        Bind(_threat, t.ThreatType, t.Severity.ToString().ToLowerInvariant(), t.IpAddress, t.Description, t.Resolved, t.CreatedAt, t.LastSeenAt, t.Occurrences);
        await _threat.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts a session with the id already assigned to it.</summary>
    public async Task InsertSessionAsync(UserSession s, CancellationToken cancellationToken)
    {
        _sessionWithId ??= Prepare(
            """
            INSERT INTO "user_sessions" ("Id", "UserId", "SessionStart", "SessionEnd", "LastActivityAt", "IpAddress", "UserAgent", "TotalRequests", "TotalCost", "TotalTokens")
            VALUES (@id, @user, @start, @end, @last, @ip, @agent, @requests, @cost, @tokens);
            """,
            ("@id", DbType.Int64), ("@user", DbType.Int32), ("@start", DbType.DateTime), ("@end", DbType.DateTime), ("@last", DbType.DateTime), ("@ip", DbType.String),
            ("@agent", DbType.String), ("@requests", DbType.Int32), ("@cost", DbType.Decimal), ("@tokens", DbType.Int64));
        Bind(_sessionWithId, s.Id, s.UserId, s.SessionStart, s.SessionEnd, s.LastActivityAt, s.IpAddress, s.UserAgent, s.TotalRequests, s.TotalCost, s.TotalTokens);
        await _sessionWithId.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts a session the first time it is written (setting its id), updates it afterwards. An update that finds
    /// no row (the session was deleted meanwhile, e.g. by <c>--clear</c>) inserts it anew.
    /// </summary>
    public async Task UpsertSessionAsync(UserSession s, CancellationToken cancellationToken)
    {
        if (s.Id != 0)
        {
            _sessionUpdate ??= Prepare(
                """UPDATE "user_sessions" SET "SessionStart" = @start, "SessionEnd" = @end, "LastActivityAt" = @last, "IpAddress" = @ip, "UserAgent" = @agent, "TotalRequests" = @requests, "TotalCost" = @cost, "TotalTokens" = @tokens WHERE "Id" = @id;""",
                ("@start", DbType.DateTime), ("@end", DbType.DateTime), ("@last", DbType.DateTime), ("@ip", DbType.String), ("@agent", DbType.String),
                ("@requests", DbType.Int32), ("@cost", DbType.Decimal), ("@tokens", DbType.Int64), ("@id", DbType.Int64));
            Bind(_sessionUpdate, s.SessionStart, s.SessionEnd, s.LastActivityAt, s.IpAddress, s.UserAgent, s.TotalRequests, s.TotalCost, s.TotalTokens, s.Id);
            if (await _sessionUpdate.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return;
            }
        }

        _sessionInsert ??= Prepare(
            """
            INSERT INTO "user_sessions" ("UserId", "SessionStart", "SessionEnd", "LastActivityAt", "IpAddress", "UserAgent", "TotalRequests", "TotalCost", "TotalTokens", "ConversationId")
            VALUES (@user, @start, @end, @last, @ip, @agent, @requests, @cost, @tokens, @conversation) RETURNING "Id";
            """,
            ("@user", DbType.Int32), ("@start", DbType.DateTime), ("@end", DbType.DateTime), ("@last", DbType.DateTime), ("@ip", DbType.String),
            ("@agent", DbType.String), ("@requests", DbType.Int32), ("@cost", DbType.Decimal), ("@tokens", DbType.Int64), ("@conversation", DbType.String));
        Bind(_sessionInsert, s.UserId, s.SessionStart, s.SessionEnd, s.LastActivityAt, s.IpAddress, s.UserAgent, s.TotalRequests, s.TotalCost, s.TotalTokens, s.ConversationId);
        s.Id = Convert.ToInt64(await _sessionInsert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _request, _requestWithId, _feedback, _threat, _sessionInsert, _sessionUpdate, _sessionWithId, _costUpdate, _requestReturningId, _upstreamAttempt })
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>Declares every parameter with its type up front, so PostgreSQL can prepare the statement before the first row.</summary>
    private DbCommand Prepare(string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    private static void BindRequest(DbCommand command, RequestLog r) =>
        Bind(command, r.CreatedAt, r.Endpoint, r.Method, r.StatusCode, r.LatencyMs, r.TtftMs, r.ModelName, r.PromptTokens, r.CompletionTokens, r.TotalTokens, r.CostUsd, r.CountryCode, r.IpAddress, r.UserId, r.ApiKeyId, r.Upstream, r.CachedInputTokens, r.CacheCreationTokens, r.ReasoningTokens, Boxed(r.UsageEstimated), r.Source);

    /// <summary>One shared box per value: the flag is bound for every request log, so no allocation per row.</summary>
    private static object Boxed(bool value) => value ? BoxedTrue : BoxedFalse;

    private static void Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
