using System.Data.Common;
using CleanDashboard.Application.Auth;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.DemoData;

/// <summary>
/// Fills the five analytics tables with realistic, reproducible traffic: a daily and weekly rhythm,
/// models with their own latency and token profiles, a status-code mix, weighted countries,
/// sessions split at a 30-minute idle gap, feedback skewed to 4–5 stars and threats of every kind.
/// </summary>
public sealed class DemoDataGenerator(DashboardDbContext db, TimeProvider timeProvider, UsageStatsRebuilder usageStats)
{
    private static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromMinutes(30);

    private static readonly ModelProfile[] Models =
    [
        new("llama3.2", 38, "/v1/chat/completions", 1800, 420, 260, 0.06m, 0.06m),
        new("gpt-4o-mini", 22, "/v1/chat/completions", 1100, 520, 300, 0.15m, 0.60m),
        new("gpt-4o", 12, "/v1/chat/completions", 2600, 640, 380, 2.50m, 10.00m),
        new("claude-3-5-sonnet", 10, "/v1/chat/completions", 3100, 700, 450, 3.00m, 15.00m),
        new("mistral-7b", 8, "/v1/completions", 900, 300, 180, 0.25m, 0.25m),
        new("text-embedding-3-small", 10, "/v1/embeddings", 180, 350, 0, 0.02m, 0m),
    ];

    private static readonly (int Code, int Weight)[] StatusMix =
        [(200, 9550), (400, 150), (401, 80), (429, 100), (500, 70), (502, 30), (504, 20)];

    private static readonly (string Code, int Weight)[] Countries =
    [
        ("US", 300), ("DE", 100), ("GB", 80), ("IN", 80), ("FR", 60), ("JP", 50), ("BR", 50), ("CA", 50),
        ("NL", 40), ("AU", 30), ("KR", 30), ("ES", 30), ("IT", 30), ("PL", 20), ("SE", 20), (string.Empty, 30),
    ];

    private static readonly (string Type, ThreatSeverity Severity, int Weight, string Description)[] ThreatKinds =
    [
        ("rate_limit", ThreatSeverity.Medium, 40, "Sustained rate-limit rejections for one API key."),
        ("rate_limit", ThreatSeverity.High, 8, "Rate-limit rejections continued past the escalation threshold."),
        ("brute_force", ThreatSeverity.High, 15, "Repeated 401 responses to one address within the window."),
        ("prompt_injection", ThreatSeverity.Medium, 14, "Known injection phrasing in a chat request body."),
        ("prompt_injection", ThreatSeverity.Critical, 3, "Injection phrasing combined with an attempt to read the system prompt."),
        ("scanner", ThreatSeverity.Low, 14, "Burst of 404s on paths typical of vulnerability scanners."),
        ("oversized_payload", ThreatSeverity.Low, 6, "Request body over the configured size limit (413)."),
    ];

    private static readonly string[] UserAgents =
        ["OpenAI/Python 1.54.0", "OpenAI/NET 2.15.0", "ollama-python/0.4.4", "Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0"];

    private static readonly string[] FeedbackTexts =
        ["", "", "", "Great answer.", "Exactly what I needed.", "A bit slow.", "Wrong facts in the second paragraph.", "Helpful, thanks!"];

    /// <summary>Generates the data and returns how many request logs were written.</summary>
    public async Task<DemoDataResult> GenerateAsync(DemoDataOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (options.Clear)
        {
            await ClearAsync(cancellationToken);
        }
        else if (await db.RequestLogs.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The database already holds request logs; run with --clear to replace them with demo data.");
        }

        var random = new Random(options.Seed);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var users = await EnsureDemoUsersAsync(options.Users, cancellationToken);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var writer = new DemoRowWriter(connection, transaction);
            var sessions = new Dictionary<int, UserSession>();
            var firstDay = now.Date.AddDays(1 - options.Days);
            long requests = 0, feedback = 0, sessionCount = 0;

            for (var day = 0; day < options.Days; day++)
            {
                var date = firstDay.AddDays(day);
                var dayFactor = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.0;
                for (var hour = 0; hour < 24; hour++)
                {
                    var hourStart = date.AddHours(hour);
                    if (hourStart > now)
                    {
                        break;
                    }

                    var count = (int)Math.Round(options.RequestsPerDay * HourWeight(hour) * dayFactor * (0.85 + (random.NextDouble() * 0.3)));
                    var offsets = new double[count];
                    for (var i = 0; i < count; i++)
                    {
                        offsets[i] = random.NextDouble() * 3600;
                    }

                    Array.Sort(offsets);
                    foreach (var offset in offsets)
                    {
                        var createdAt = hourStart.AddSeconds(offset);
                        if (createdAt > now)
                        {
                            break;
                        }

                        var log = NextRequest(random, createdAt, users);
                        var id = await writer.InsertRequestAsync(log, cancellationToken);
                        requests++;
                        if (log.UserId is int userId)
                        {
                            sessionCount += await TrackSessionAsync(writer, sessions, userId, log, random, cancellationToken);
                            if (log.IsSuccess && log.Endpoint != "/v1/embeddings" && random.NextDouble() < 0.04)
                            {
                                await writer.InsertFeedbackAsync(NextFeedback(random, id, userId, createdAt, now), cancellationToken);
                                feedback++;
                            }
                        }
                    }
                }

                progress?.Report($"day {day + 1}/{options.Days}: {requests:N0} request logs so far");
            }

            foreach (var open in sessions.Values)
            {
                open.SessionEnd = now - open.LastActivityAt > SessionIdleTimeout ? open.LastActivityAt : null;
                await writer.UpsertSessionAsync(open, cancellationToken);
            }

            var threats = await InsertThreatsAsync(writer, random, firstDay, now, options.Days, cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            var statsRows = await usageStats.RebuildAsync(cancellationToken);
            return new DemoDataResult(requests, sessionCount, feedback, threats, statsRows);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ClearAsync(CancellationToken cancellationToken)
    {
        await db.FeedbackLogs.ExecuteDeleteAsync(cancellationToken);
        await db.UserSessions.ExecuteDeleteAsync(cancellationToken);
        await db.ThreatLogs.ExecuteDeleteAsync(cancellationToken);
        await db.ModelUsageStats.ExecuteDeleteAsync(cancellationToken);
        await db.RequestLogs.ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<(User User, int KeyId, string Ip, string Country)>> EnsureDemoUsersAsync(int count, CancellationToken cancellationToken)
    {
        var result = new List<(User, int, string, string)>();
        for (var i = 1; i <= count; i++)
        {
            var name = $"demo-user-{i}";
            var user = await db.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
            if (user is null)
            {
                user = new User { Name = name, Role = UserRole.Member, CreatedAt = timeProvider.GetUtcNow().UtcDateTime };
                db.Users.Add(user);
                await db.SaveChangesAsync(cancellationToken);
            }

            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.UserId == user.Id && k.RevokedAt == null, cancellationToken);
            if (key is null)
            {
                var secret = ApiKeySecret.Generate();
                key = new ApiKey
                {
                    UserId = user.Id,
                    Name = "demo",
                    Prefix = ApiKeySecret.DisplayPrefix(secret),
                    KeyHash = ApiKeySecret.Hash(secret),
                    CreatedAt = user.CreatedAt,
                };
                db.ApiKeys.Add(key);
                await db.SaveChangesAsync(cancellationToken);
            }

            var country = Countries[(i - 1) % (Countries.Length - 1)].Code;
            result.Add((user, key.Id, $"203.0.113.{10 + i}", country));
        }

        db.ChangeTracker.Clear();
        return result;
    }

    private static RequestLog NextRequest(Random random, DateTime createdAt, IReadOnlyList<(User User, int KeyId, string Ip, string Country)> users)
    {
        var model = Pick(random, Models, m => m.Weight);
        var status = Pick(random, StatusMix, s => s.Weight).Code;
        var anonymous = status == 401 || users.Count == 0;
        var (user, keyId, ip, homeCountry) = anonymous ? (null!, 0, $"198.51.100.{random.Next(1, 255)}", string.Empty) : users[random.Next(users.Count)];
        var country = anonymous || random.NextDouble() < 0.3 ? Pick(random, Countries, c => c.Weight).Code : homeCountry;

        var log = new RequestLog
        {
            CreatedAt = createdAt,
            Endpoint = model.Endpoint,
            Method = "POST",
            StatusCode = status,
            ModelName = status == 401 ? string.Empty : model.Name,
            CountryCode = country,
            IpAddress = ip,
            UserId = anonymous ? null : user.Id,
            ApiKeyId = anonymous ? null : keyId,
            Upstream = status == 401 ? null : "demo",
        };

        if (status >= 400)
        {
            log.LatencyMs = Math.Round(status is 504 ? 30000 + (random.NextDouble() * 500) : 5 + (random.NextDouble() * 60), 1);
            return log;
        }

        var latency = model.LatencyMs * Math.Exp((random.NextDouble() - 0.5) * 0.9);
        log.LatencyMs = Math.Round(latency, 1);
        log.TtftMs = model.CompletionTokens > 0 ? Math.Round(latency * (0.1 + (random.NextDouble() * 0.15)), 1) : null;
        var prompt = Math.Max(5, (int)(model.PromptTokens * (0.3 + (random.NextDouble() * 1.4))));
        var completion = model.CompletionTokens == 0 ? 0 : Math.Max(1, (int)(model.CompletionTokens * (0.2 + (random.NextDouble() * 1.6))));
        log.PromptTokens = prompt;
        log.CompletionTokens = completion;
        log.TotalTokens = prompt + completion;
        log.CostUsd = Math.Round(((prompt * model.InputPricePerMillion) + (completion * model.OutputPricePerMillion)) / 1_000_000m, 4, MidpointRounding.AwayFromZero);
        return log;
    }

    private static async Task<int> TrackSessionAsync(DemoRowWriter writer, Dictionary<int, UserSession> sessions, int userId, RequestLog log, Random random, CancellationToken cancellationToken)
    {
        var opened = 0;
        if (sessions.TryGetValue(userId, out var session) && log.CreatedAt - session.LastActivityAt > SessionIdleTimeout)
        {
            session.SessionEnd = session.LastActivityAt;
            await writer.UpsertSessionAsync(session, cancellationToken);
            session = null;
        }

        if (session is null)
        {
            session = new UserSession
            {
                UserId = userId,
                SessionStart = log.CreatedAt,
                IpAddress = log.IpAddress ?? string.Empty,
                UserAgent = UserAgents[random.Next(UserAgents.Length)],
            };
            sessions[userId] = session;
            opened = 1;
        }

        session.LastActivityAt = log.CreatedAt;
        session.TotalRequests++;
        session.TotalCost += log.CostUsd ?? 0m;
        session.TotalTokens += log.TotalTokens ?? 0;
        return opened;
    }

    private static FeedbackLog NextFeedback(Random random, long requestLogId, int userId, DateTime requestAt, DateTime now)
    {
        var roll = random.Next(100);
        var rating = roll < 50 ? 5 : roll < 82 ? 4 : roll < 92 ? 3 : roll < 97 ? 2 : 1;
        var createdAt = requestAt.AddSeconds(1 + random.Next(120));
        return new FeedbackLog
        {
            RequestLogId = requestLogId,
            UserId = userId,
            Rating = rating,
            FeedbackText = FeedbackTexts[random.Next(FeedbackTexts.Length)],
            CreatedAt = createdAt > now ? now : createdAt,
        };
    }

    private static async Task<long> InsertThreatsAsync(DemoRowWriter writer, Random random, DateTime firstDay, DateTime now, int days, CancellationToken cancellationToken)
    {
        long count = 0;
        for (var day = 0; day < days; day++)
        {
            var perDay = 2 + random.Next(6);
            for (var i = 0; i < perDay; i++)
            {
                var createdAt = firstDay.AddDays(day).AddSeconds(random.NextDouble() * 86400);
                if (createdAt > now)
                {
                    continue;
                }

                var kind = Pick(random, ThreatKinds, k => k.Weight);
                var occurrences = 1 + random.Next(kind.Type == "rate_limit" ? 40 : 8);
                var lastSeen = createdAt.AddSeconds(occurrences * 15);
                var ageDays = (now - createdAt).TotalDays;
                await writer.InsertThreatAsync(
                    new ThreatLog
                    {
                        ThreatType = kind.Type,
                        Severity = kind.Severity,
                        IpAddress = $"192.0.2.{1 + random.Next(254)}",
                        Description = $"{kind.Description} Seen {occurrences} time(s).",
                        Resolved = random.NextDouble() < (ageDays > 2 ? 0.7 : 0.2),
                        CreatedAt = createdAt,
                        LastSeenAt = lastSeen > now ? now : lastSeen,
                        Occurrences = occurrences,
                    },
                    cancellationToken);
                count++;
            }
        }

        return count;
    }

    /// <summary>Requests per hour of day, as a share of the day: a quiet night and an afternoon (UTC) peak.</summary>
    private static double HourWeight(int hour)
    {
        static double Raw(int h) => 0.35 + (0.65 * Math.Exp(-Math.Pow(h - 15, 2) / 32));
        var total = Enumerable.Range(0, 24).Sum(Raw);
        return Raw(hour) / total;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, int> weight)
    {
        var total = items.Sum(weight);
        var roll = random.Next(total);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private sealed record ModelProfile(
        string Name,
        int Weight,
        string Endpoint,
        double LatencyMs,
        int PromptTokens,
        int CompletionTokens,
        decimal InputPricePerMillion,
        decimal OutputPricePerMillion);
}

public sealed record DemoDataResult(long RequestLogs, long Sessions, long Feedback, long Threats, int UsageStatsRows);

/// <summary>Prepared INSERT statements reused for every row: the fast path for bulk demo data.</summary>
internal sealed class DemoRowWriter(DbConnection connection, DbTransaction transaction)
{
    private DbCommand? _request;
    private DbCommand? _feedback;
    private DbCommand? _threat;

    public async Task<long> InsertRequestAsync(RequestLog r, CancellationToken cancellationToken)
    {
        _request ??= Prepare("""
            INSERT INTO request_logs (CreatedAt, Endpoint, Method, StatusCode, LatencyMs, TtftMs, ModelName, PromptTokens, CompletionTokens, TotalTokens, CostUsd, CountryCode, IpAddress, UserId, ApiKeyId, Upstream)
            VALUES ($createdAt, $endpoint, $method, $status, $latency, $ttft, $model, $prompt, $completion, $total, $cost, $country, $ip, $user, $key, $upstream)
            RETURNING Id;
            """, "$createdAt", "$endpoint", "$method", "$status", "$latency", "$ttft", "$model", "$prompt", "$completion", "$total", "$cost", "$country", "$ip", "$user", "$key", "$upstream");
        Bind(_request, r.CreatedAt, r.Endpoint, r.Method, r.StatusCode, r.LatencyMs, r.TtftMs, r.ModelName, r.PromptTokens, r.CompletionTokens, r.TotalTokens, r.CostUsd, r.CountryCode, r.IpAddress, r.UserId, r.ApiKeyId, r.Upstream);
        return (long)(await _request.ExecuteScalarAsync(cancellationToken))!;
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

    /// <summary>Inserts a session the first time it is written, updates it afterwards.</summary>
    public async Task UpsertSessionAsync(UserSession s, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (s.Id == 0)
        {
            command.CommandText = """
                INSERT INTO user_sessions (UserId, SessionStart, SessionEnd, LastActivityAt, IpAddress, UserAgent, TotalRequests, TotalCost, TotalTokens)
                VALUES ($user, $start, $end, $last, $ip, $agent, $requests, $cost, $tokens) RETURNING Id;
                """;
            AddParameters(command, "$user", "$start", "$end", "$last", "$ip", "$agent", "$requests", "$cost", "$tokens");
            Bind(command, s.UserId, s.SessionStart, s.SessionEnd, s.LastActivityAt, s.IpAddress, s.UserAgent, s.TotalRequests, s.TotalCost, s.TotalTokens);
            s.Id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return;
        }

        command.CommandText = "UPDATE user_sessions SET SessionEnd = $end, LastActivityAt = $last, TotalRequests = $requests, TotalCost = $cost, TotalTokens = $tokens WHERE Id = $id;";
        AddParameters(command, "$end", "$last", "$requests", "$cost", "$tokens", "$id");
        Bind(command, s.SessionEnd, s.LastActivityAt, s.TotalRequests, s.TotalCost, s.TotalTokens, s.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
