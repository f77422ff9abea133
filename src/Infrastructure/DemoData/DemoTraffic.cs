using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Rollups;

namespace CleanDashboard.Infrastructure.DemoData;

/// <summary>
/// Makes up realistic, reproducible traffic one day at a time, with no database in sight: a daily and weekly
/// rhythm, models with their own latency and token profiles, a status-code mix, weighted countries, sessions split
/// at a 30-minute idle gap, feedback skewed to 4–5 stars, threats of every kind, and the rollups of it all.
/// Ids are assigned here, so a day's rows can be written while the next day is being made up.
/// </summary>
internal sealed class DemoTraffic(Random random, DateTime now, double requestsPerDay, IReadOnlyList<DemoCaller> callers, PricingCatalog pricing, long firstRequestId, long firstSessionId)
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
        (ThreatTypes.RateLimit, ThreatSeverity.Medium, 40, "Sustained rate-limit rejections for one API key."),
        (ThreatTypes.RateLimit, ThreatSeverity.High, 8, "Rate-limit rejections continued past the escalation threshold."),
        (ThreatTypes.BruteForce, ThreatSeverity.High, 15, "Repeated 401 responses to one address within the window."),
        (ThreatTypes.PromptInjection, ThreatSeverity.Medium, 14, "Known injection phrasing in a chat request body."),
        (ThreatTypes.PromptInjection, ThreatSeverity.Critical, 3, "Injection phrasing combined with an attempt to read the system prompt."),
        (ThreatTypes.Scanner, ThreatSeverity.Low, 14, "Burst of 404s on paths typical of vulnerability scanners."),
        (ThreatTypes.OversizedPayload, ThreatSeverity.Low, 6, "Request body over the configured size limit (413)."),
    ];

    private static readonly WeightedChoice<int> Hours = new(Enumerable.Range(0, 24)
        .Select(h => (h, (int)Math.Round(100 * (0.35 + (0.65 * Math.Exp(-Math.Pow(h - 15, 2) / 32))))))
        .ToArray());

    private static readonly string[] UserAgents =
        ["OpenAI/Python 1.54.0", "OpenAI/NET 2.15.0", "ollama-python/0.4.4", "Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0"];

    private static readonly string[] FeedbackTexts =
        ["", "", "", "Great answer.", "Exactly what I needed.", "A bit slow.", "Wrong facts in the second paragraph.", "Helpful, thanks!"];

    private static readonly WeightedChoice<ModelProfile> ModelChoice = new(Models.Select(m => (m, m.Weight)).ToArray());

    private static readonly WeightedChoice<int> StatusChoice = new(StatusMix);

    private static readonly WeightedChoice<string> CountryChoice = new(Countries);

    private static readonly WeightedChoice<(string Type, ThreatSeverity Severity, int Weight, string Description)> ThreatChoice =
        new(ThreatKinds.Select(k => (k, k.Weight)).ToArray());

    private readonly Dictionary<int, UserSession> _sessions = [];

    /// <summary>The country a demo user mostly calls from; never the unknown one.</summary>
    public static string HomeCountry(int userNumber) => Countries[(userNumber - 1) % (Countries.Length - 1)].Code;
    private long _nextRequestId = firstRequestId;
    private long _nextSessionId = firstSessionId;

    /// <summary>One day of requests in time order, with the sessions that closed during it and the feedback given.</summary>
    public DemoDay NextDay(DateTime date)
    {
        var day = new DemoDay();
        var dayFactor = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.0;
        foreach (var (createdAt, callerIndex) in DayTimeline(date, requestsPerDay * dayFactor))
        {
            var log = NextRequest(createdAt, callerIndex is int index ? callers[index] : null);
            day.Requests.Add(log);
            day.Rollups.AddRequest(log);
            if (log.UserId is not int userId)
            {
                continue;
            }

            var rated = log.IsSuccess && log.Endpoint != "/v1/embeddings" && random.NextDouble() < 0.04;
            TrackSession(day, userId, log);
            if (rated)
            {
                day.Feedback.Add(NextFeedback(log, userId, createdAt));
            }
        }

        return day;
    }

    /// <summary>The sessions still open at the end: closed if idle past the timeout, else left open.</summary>
    public DemoDay Finish()
    {
        var day = new DemoDay();
        foreach (var open in _sessions.Values)
        {
            if (open.HasExpiredAt(now, SessionIdleTimeout))
            {
                open.Close();
            }

            day.Sessions.Add(open);
        }

        _sessions.Clear();
        return day;
    }

    /// <summary>A few incidents a day, of every kind, older ones mostly resolved.</summary>
    public List<ThreatLog> Threats(DateTime firstDay, int days)
    {
        var threats = new List<ThreatLog>();
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

                var kind = ThreatChoice.Pick(random);
                var occurrences = 1 + random.Next(kind.Type == "rate_limit" ? 40 : 8);
                var lastSeen = createdAt.AddSeconds(occurrences * 15);
                var ageDays = (now - createdAt).TotalDays;
                threats.Add(new ThreatLog
                {
                    ThreatType = kind.Type,
                    Severity = kind.Severity,
                    IpAddress = $"192.0.2.{1 + random.Next(254)}",
                    Description = $"{kind.Description} Seen {occurrences} time(s).",
                    Resolved = random.NextDouble() < (ageDays > 2 ? 0.7 : 0.2),
                    CreatedAt = createdAt,
                    LastSeenAt = lastSeen > now ? now : lastSeen,
                    Occurrences = occurrences,
                });
            }
        }

        return threats;
    }

    /// <summary>
    /// One day of requests in time order: each user works in bursts (sessions of 5–45 requests a few
    /// seconds to a minute apart, started more often in the afternoon), and a few unauthenticated callers get 401s.
    /// </summary>
    private List<(DateTime At, int? Caller)> DayTimeline(DateTime date, double requestsPerDay)
    {
        const int AverageBurst = 25;
        var timeline = new List<(DateTime, int?)>((int)(requestsPerDay * 1.1));
        for (var caller = 0; caller < callers.Count; caller++)
        {
            var bursts = Math.Max(1, (int)Math.Round(requestsPerDay / Math.Max(callers.Count, 1) / AverageBurst * (0.8 + (random.NextDouble() * 0.4))));
            for (var burst = 0; burst < bursts; burst++)
            {
                var at = date.AddHours(Hours.Pick(random)).AddSeconds(random.NextDouble() * 3600);
                var length = 5 + random.Next(41);
                for (var i = 0; i < length; i++)
                {
                    timeline.Add((at, caller));
                    at = at.AddSeconds(2 - (Math.Log(1 - random.NextDouble()) * 40));
                }
            }
        }

        var anonymous = (int)Math.Round(requestsPerDay * 0.008);
        for (var i = 0; i < anonymous; i++)
        {
            timeline.Add((date.AddHours(Hours.Pick(random)).AddSeconds(random.NextDouble() * 3600), null));
        }

        timeline.RemoveAll(t => t.Item1 > now || t.Item1 >= date.AddDays(1));
        timeline.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return timeline;
    }

    private RequestLog NextRequest(DateTime createdAt, DemoCaller? caller)
    {
        var model = ModelChoice.Pick(random);
        var status = caller is null ? 401 : StatusChoice.Pick(random);
        var log = new RequestLog
        {
            Id = _nextRequestId++,
            CreatedAt = createdAt,
            Endpoint = model.Endpoint,
            Method = "POST",
            StatusCode = status,
            ModelName = caller is null ? string.Empty : model.Name,
            CountryCode = caller is { } known && random.NextDouble() >= 0.3 ? known.Country : CountryChoice.Pick(random),
            IpAddress = caller?.Ip ?? $"198.51.100.{random.Next(1, 255)}",
            UserId = caller?.UserId,
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
        log.CostUsd = pricing.Cost(model.Name, new TokenUsage(model.Name, prompt, completion, prompt + completion), createdAt);
        return log;
    }

    private void TrackSession(DemoDay day, int userId, RequestLog log)
    {
        var opened = 0;
        if (_sessions.TryGetValue(userId, out var session) && session.HasExpiredAt(log.CreatedAt, SessionIdleTimeout))
        {
            session.Close();
            day.Sessions.Add(session);
            session = null;
        }

        if (session is null)
        {
            session = UserSession.Start(userId, log.CreatedAt, log.IpAddress ?? string.Empty, UserAgents[random.Next(UserAgents.Length)]);
            session.Id = _nextSessionId++;
            _sessions[userId] = session;
            opened = 1;
            day.SessionsStarted++;
        }

        session.Record(log.CreatedAt, log.CostUsd, log.TotalTokens, log.IpAddress ?? string.Empty, string.Empty);
        day.Rollups.AddSession(session.SessionStart, opened, 1, log.CostUsd ?? 0m);
    }

    private FeedbackLog NextFeedback(RequestLog request, int userId, DateTime requestAt)
    {
        var roll = random.Next(100);
        var feedback = FeedbackLog.For(request, userId);
        feedback.Rating = roll < 50 ? 5 : roll < 82 ? 4 : roll < 92 ? 3 : roll < 97 ? 2 : 1;
        feedback.FeedbackText = FeedbackTexts[random.Next(FeedbackTexts.Length)];
        var createdAt = requestAt.AddSeconds(1 + random.Next(120));
        feedback.CreatedAt = createdAt > now ? now : createdAt;
        return feedback;
    }

    private sealed record ModelProfile(
        string Name,
        int Weight,
        string Endpoint,
        double LatencyMs,
        int PromptTokens,
        int CompletionTokens);
}

/// <summary>A demo user with the key, address and home country their requests carry.</summary>
internal sealed record DemoCaller(int UserId, int KeyId, string Ip, string Country);

/// <summary>A day of made-up rows, ready to write; sessions are the ones that closed (or, at the end, are left).</summary>
internal sealed class DemoDay
{
    public List<RequestLog> Requests { get; } = [];

    public List<UserSession> Sessions { get; } = [];

    public List<FeedbackLog> Feedback { get; } = [];

    public RollupBatch Rollups { get; } = new();

    public int SessionsStarted { get; set; }
}

/// <summary>Picks items by integer weight with one random draw and a binary search over the running totals.</summary>
internal sealed class WeightedChoice<T>
{
    private readonly T[] _items;
    private readonly int[] _upperBounds;

    public WeightedChoice(IReadOnlyList<(T Item, int Weight)> items)
    {
        _items = items.Select(i => i.Item).ToArray();
        _upperBounds = new int[items.Count];
        var total = 0;
        for (var i = 0; i < items.Count; i++)
        {
            total += items[i].Weight;
            _upperBounds[i] = total;
        }
    }

    public T Pick(Random random)
    {
        var roll = random.Next(_upperBounds[^1]);
        var index = Array.BinarySearch(_upperBounds, roll + 1);
        return _items[index >= 0 ? index : ~index];
    }
}
