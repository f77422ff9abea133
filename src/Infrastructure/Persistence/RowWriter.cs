using System.Data.Common;
using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>Prepared statements reused for every row of a transaction: the fast path for bulk writes.</summary>
internal sealed class RowWriter(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private DbCommand? _request;
    private DbCommand? _requestWithId;
    private DbCommand? _feedback;
    private DbCommand? _threat;
    private DbCommand? _sessionInsert;
    private DbCommand? _sessionUpdate;
    private DbCommand? _sessionInsertWithId;

    /// <summary>Inserts a request log; with its <see cref="RequestLog.Id"/> when one was assigned, else the database numbers it.</summary>
    public async Task InsertRequestAsync(RequestLog r, CancellationToken cancellationToken)
    {
        if (r.Id != 0)
        {
            _requestWithId ??= Prepare("""
                INSERT INTO request_logs (Id, CreatedAt, Endpoint, Method, StatusCode, LatencyMs, TtftMs, ModelName, PromptTokens, CompletionTokens, TotalTokens, CostUsd, CountryCode, IpAddress, UserId, ApiKeyId, Upstream)
                VALUES ($id, $createdAt, $endpoint, $method, $status, $latency, $ttft, $model, $prompt, $completion, $total, $cost, $country, $ip, $user, $key, $upstream);
                """, "$id", "$createdAt", "$endpoint", "$method", "$status", "$latency", "$ttft", "$model", "$prompt", "$completion", "$total", "$cost", "$country", "$ip", "$user", "$key", "$upstream");
            Bind(_requestWithId, r.Id, r.CreatedAt, r.Endpoint, r.Method, r.StatusCode, r.LatencyMs, r.TtftMs, r.ModelName, r.PromptTokens, r.CompletionTokens, r.TotalTokens, r.CostUsd, r.CountryCode, r.IpAddress, r.UserId, r.ApiKeyId, r.Upstream);
            await _requestWithId.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        _request ??= Prepare("""
            INSERT INTO request_logs (CreatedAt, Endpoint, Method, StatusCode, LatencyMs, TtftMs, ModelName, PromptTokens, CompletionTokens, TotalTokens, CostUsd, CountryCode, IpAddress, UserId, ApiKeyId, Upstream)
            VALUES ($createdAt, $endpoint, $method, $status, $latency, $ttft, $model, $prompt, $completion, $total, $cost, $country, $ip, $user, $key, $upstream);
            """, "$createdAt", "$endpoint", "$method", "$status", "$latency", "$ttft", "$model", "$prompt", "$completion", "$total", "$cost", "$country", "$ip", "$user", "$key", "$upstream");
        Bind(_request, r.CreatedAt, r.Endpoint, r.Method, r.StatusCode, r.LatencyMs, r.TtftMs, r.ModelName, r.PromptTokens, r.CompletionTokens, r.TotalTokens, r.CostUsd, r.CountryCode, r.IpAddress, r.UserId, r.ApiKeyId, r.Upstream);
        await _request.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task InsertFeedbackAsync(FeedbackLog f, CancellationToken cancellationToken)
    {
        _feedback ??= Prepare(
            "INSERT INTO feedback_logs (RequestLogId, UserId, Rating, FeedbackText, CreatedAt) VALUES ($request, $user, $rating, $text, $createdAt);",
            "$request", "$user", "$rating", "$text", "$createdAt");
        Bind(_feedback, f.RequestLogId, f.UserId, f.Rating, f.FeedbackText, f.CreatedAt);
        await _feedback.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task InsertThreatAsync(ThreatLog t, CancellationToken cancellationToken)
    {
        _threat ??= Prepare(
            "INSERT INTO threat_logs (ThreatType, Severity, IpAddress, Description, Resolved, CreatedAt, LastSeenAt, Occurrences) VALUES ($type, $severity, $ip, $description, $resolved, $createdAt, $lastSeen, $occurrences);",
            "$type", "$severity", "$ip", "$description", "$resolved", "$createdAt", "$lastSeen", "$occurrences");
        Bind(_threat, t.ThreatType, t.Severity.ToString().ToLowerInvariant(), t.IpAddress, t.Description, t.Resolved, t.CreatedAt, t.LastSeenAt, t.Occurrences);
        await _threat.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts a session with the id already assigned to it.</summary>
    public async Task InsertSessionAsync(UserSession s, CancellationToken cancellationToken)
    {
        _sessionInsertWithId ??= Prepare(
            """
            INSERT INTO user_sessions (Id, UserId, SessionStart, SessionEnd, LastActivityAt, IpAddress, UserAgent, TotalRequests, TotalCost, TotalTokens)
            VALUES ($id, $user, $start, $end, $last, $ip, $agent, $requests, $cost, $tokens);
            """,
            "$id", "$user", "$start", "$end", "$last", "$ip", "$agent", "$requests", "$cost", "$tokens");
        Bind(_sessionInsertWithId, s.Id, s.UserId, s.SessionStart, s.SessionEnd, s.LastActivityAt, s.IpAddress, s.UserAgent, s.TotalRequests, s.TotalCost, s.TotalTokens);
        await _sessionInsertWithId.ExecuteNonQueryAsync(cancellationToken);
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
                "UPDATE user_sessions SET SessionEnd = $end, LastActivityAt = $last, IpAddress = $ip, UserAgent = $agent, TotalRequests = $requests, TotalCost = $cost, TotalTokens = $tokens WHERE Id = $id;",
                "$end", "$last", "$ip", "$agent", "$requests", "$cost", "$tokens", "$id");
            Bind(_sessionUpdate, s.SessionEnd, s.LastActivityAt, s.IpAddress, s.UserAgent, s.TotalRequests, s.TotalCost, s.TotalTokens, s.Id);
            if (await _sessionUpdate.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return;
            }
        }

        _sessionInsert ??= Prepare(
            """
            INSERT INTO user_sessions (UserId, SessionStart, SessionEnd, LastActivityAt, IpAddress, UserAgent, TotalRequests, TotalCost, TotalTokens)
            VALUES ($user, $start, $end, $last, $ip, $agent, $requests, $cost, $tokens) RETURNING Id;
            """,
            "$user", "$start", "$end", "$last", "$ip", "$agent", "$requests", "$cost", "$tokens");
        Bind(_sessionInsert, s.UserId, s.SessionStart, s.SessionEnd, s.LastActivityAt, s.IpAddress, s.UserAgent, s.TotalRequests, s.TotalCost, s.TotalTokens);
        s.Id = (long)(await _sessionInsert.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _request, _requestWithId, _feedback, _threat, _sessionInsert, _sessionInsertWithId, _sessionUpdate })
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private DbCommand Prepare(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        AddParameters(command, parameters);
        command.Prepare();
        return command;
    }

    private static void AddParameters(DbCommand command, params string[] names)
    {
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
    }

    private static void Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
