using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Rollups;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.DemoData;

/// <summary>
/// Fills the five analytics tables with realistic, reproducible traffic: a daily and weekly rhythm,
/// models with their own latency and token profiles, a status-code mix, weighted countries,
/// sessions split at a 30-minute idle gap, feedback skewed to 4–5 stars and threats of every kind; the rollups
/// are summed as the rows are generated and written with them.
/// </summary>
public sealed class DemoDataGenerator(DashboardDbContext db, TimeProvider timeProvider, UsageStatsRebuilder usageStats, PricingCatalog pricing)
{
    private static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromMinutes(30);

    private static readonly ModelProfile[] Models =
    [
        new("llama3.2", 38, "/v1/chat/completions", 1800, 420, 260),
        new("gpt-4o-mini", 22, "/v1/chat/completions", 1100, 520, 300),
        new("gpt-4o", 12, "/v1/chat/completions", 2600, 640, 380),
        new("claude-3-5-sonnet", 10, "/v1/chat/completions", 3100, 700, 450),
        new("mistral-7b", 8, "/v1/completions", 900, 300, 180),
        new("text-embedding-3-small", 10, "/v1/embeddings", 180, 350, 0),
    ];

    private static readonly (int Code, int Weight)[] StatusMix =
        [(200, 9630), (400, 150), (429, 100), (500, 70), (502, 30), (504, 20)];

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

    private static readonly (int Hour, int Weight)[] HourWeights = Enumerable.Range(0, 24)
        .Select(h => (h, (int)Math.Round(100 * (0.35 + (0.65 * Math.Exp(-Math.Pow(h - 15, 2) / 32))))))
        .ToArray();

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
            await using var writer = new RowWriter(connection, transaction);
            await using var rollupWriter = new RollupWriter(connection, transaction);
            var sessions = new Dictionary<int, UserSession>();
            var firstDay = now.Date.AddDays(1 - options.Days);
            long requests = 0, feedback = 0, sessionCount = 0;
            var rollups = new RollupBatch();

            for (var day = 0; day < options.Days; day++)
            {
                var date = firstDay.AddDays(day);
                var dayFactor = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.0;
                foreach (var (createdAt, userIndex) in DayTimeline(random, date, now, options.RequestsPerDay * dayFactor, users.Count))
                {
                    var log = NextRequest(random, createdAt, userIndex is int index ? users[index] : null);
                    var requestId = await writer.InsertRequestAsync(log, cancellationToken);
                    rollups.AddRequest(log);
                    requests++;
                    if (log.UserId is not int userId)
                    {
                        continue;
                    }

                    var rated = log.IsSuccess && log.Endpoint != "/v1/embeddings" && random.NextDouble() < 0.04;
                    sessionCount += await TrackSessionAsync(writer, sessions, userId, log, random, rollups, cancellationToken);
                    if (rated)
                    {
                        await writer.InsertFeedbackAsync(NextFeedback(random, requestId, userId, createdAt, now), cancellationToken);
                        feedback++;
                    }
                }

                await rollupWriter.WriteAsync(rollups, cancellationToken);
                rollups = new RollupBatch();
                progress?.Report($"day {day + 1}/{options.Days}: {requests:N0} request logs so far");
            }

            foreach (var open in sessions.Values)
            {
                if (open.HasExpiredAt(now, SessionIdleTimeout))
                {
                    open.Close();
                }

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
        await RollupRebuilder.ClearAsync(db, cancellationToken);
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

    /// <summary>
    /// One day of requests in time order: each user works in bursts (sessions of 5–45 requests a few
    /// seconds to a minute apart, started more often in the afternoon), and a few unauthenticated callers get 401s.
    /// </summary>
    private static List<(DateTime At, int? User)> DayTimeline(Random random, DateTime date, DateTime now, double requestsPerDay, int users)
    {
        const int AverageBurst = 25;
        var timeline = new List<(DateTime, int?)>();
        for (var user = 0; user < users; user++)
        {
            var bursts = Math.Max(1, (int)Math.Round(requestsPerDay / Math.Max(users, 1) / AverageBurst * (0.8 + (random.NextDouble() * 0.4))));
            for (var burst = 0; burst < bursts; burst++)
            {
                var at = date.AddHours(PickHour(random)).AddSeconds(random.NextDouble() * 3600);
                var length = 5 + random.Next(41);
                for (var i = 0; i < length; i++)
                {
                    timeline.Add((at, user));
                    at = at.AddSeconds(2 - (Math.Log(1 - random.NextDouble()) * 40));
                }
            }
        }

        var anonymous = (int)Math.Round(requestsPerDay * 0.008);
        for (var i = 0; i < anonymous; i++)
        {
            timeline.Add((date.AddHours(PickHour(random)).AddSeconds(random.NextDouble() * 3600), null));
        }

        timeline.RemoveAll(t => t.Item1 > now || t.Item1 >= date.AddDays(1));
        timeline.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return timeline;
    }

    private RequestLog NextRequest(Random random, DateTime createdAt, (User User, int KeyId, string Ip, string Country)? caller)
    {
        var model = Pick(random, Models, m => m.Weight);
        var status = caller is null ? 401 : Pick(random, StatusMix, s => s.Weight).Code;
        var log = new RequestLog
        {
            CreatedAt = createdAt,
            Endpoint = model.Endpoint,
            Method = "POST",
            StatusCode = status,
            ModelName = caller is null ? string.Empty : model.Name,
            CountryCode = caller is { } known && random.NextDouble() >= 0.3 ? known.Country : Pick(random, Countries, c => c.Weight).Code,
            IpAddress = caller?.Ip ?? $"198.51.100.{random.Next(1, 255)}",
            UserId = caller?.User.Id,
            ApiKeyId = caller?.KeyId,
            Upstream = caller is null ? null : "demo",
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
        log.CostUsd = pricing.Cost(model.Name, prompt, completion);
        return log;
    }

    private static async Task<int> TrackSessionAsync(RowWriter writer, Dictionary<int, UserSession> sessions, int userId, RequestLog log, Random random, RollupBatch rollups, CancellationToken cancellationToken)
    {
        var opened = 0;
        if (sessions.TryGetValue(userId, out var session) && session.HasExpiredAt(log.CreatedAt, SessionIdleTimeout))
        {
            session.Close();
            await writer.UpsertSessionAsync(session, cancellationToken);
            session = null;
        }

        if (session is null)
        {
            session = UserSession.Start(userId, log.CreatedAt, log.IpAddress ?? string.Empty, UserAgents[random.Next(UserAgents.Length)]);
            sessions[userId] = session;
            opened = 1;
        }

        session.Record(log.CreatedAt, log.CostUsd, log.TotalTokens, log.IpAddress ?? string.Empty, string.Empty);
        rollups.AddSession(session.SessionStart, opened, 1, log.CostUsd ?? 0m);
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

    private static async Task<long> InsertThreatsAsync(RowWriter writer, Random random, DateTime firstDay, DateTime now, int days, CancellationToken cancellationToken)
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

    /// <summary>An hour of the day, weighted for a quiet night and an afternoon (UTC) peak.</summary>
    private static int PickHour(Random random) => Pick(random, HourWeights, w => w.Weight).Hour;

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
        int CompletionTokens);
}

public sealed record DemoDataResult(long RequestLogs, long Sessions, long Feedback, long Threats, int UsageStatsRows);
