using CleanDashboard.Application.Auth;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.TestSupport;

namespace CleanDashboard.Admin.IntegrationTests.Lists;

/// <summary>
/// A small hand-built data set for the admin lists. The tests only make admin requests, which are not tracked,
/// so nothing but this data is in the tables (besides the bootstrap admin and its key).
/// </summary>
public sealed class ListDataFactory : AdminApiFactory
{
    public User Alice { get; } = NewUser("alice", UserRole.Member, 1);

    public User Bob { get; } = NewUser("bob", UserRole.Member, 2);

    public User Carol { get; } = NewUser("carol", UserRole.Admin, 3);

    public int BootstrapAdminId { get; private set; }

    public int BootstrapKeyId { get; private set; }

    public List<ApiKey> Keys { get; } = [];

    public List<RequestLog> Requests { get; } = [];

    public List<UserSession> Sessions { get; } = [];

    public List<FeedbackLog> Feedback { get; } = [];

    public List<ThreatLog> Threats { get; } = [];

    public List<ModelUsageStats> Stats { get; } = [];

    public static DateTime Day(int day, int hour = 10) => new(2026, 1, day, hour, 0, 0, DateTimeKind.Utc);

    protected override Task SeedAsync() => WithDbAsync(async db =>
    {
        var admin = db.Users.Single(u => u.Name == "admin");
        BootstrapAdminId = admin.Id;
        BootstrapKeyId = db.ApiKeys.Single(k => k.UserId == admin.Id).Id;

        db.Users.AddRange(Alice, Bob, Carol);
        await db.SaveChangesAsync();

        Keys.AddRange(
            NewKey(Alice, "alice-laptop", revoked: null),
            NewKey(Alice, "alice-old", revoked: Day(3)),
            NewKey(Bob, "bob-ci", revoked: null));
        db.ApiKeys.AddRange(Keys);

        Requests.AddRange(
            Request(Day(1), "gpt-4o", 200, "US", Alice, 0.0100m, 100),
            Request(Day(2), "gpt-4o", 500, "DE", Bob, null, 250),
            Request(Day(3), "llama3.2", 200, "US", Alice, 0m, 50),
            Request(Day(4), "llama3.2", 429, "FR", null, null, 5),
            Request(Day(5), "gpt-4o-mini", 200, "DE", Bob, 12.5m, 300),
            Request(Day(6), "gpt-4o", 200, "US", Bob, 9m, 150),
            Request(Day(7), string.Empty, 401, string.Empty, null, null, 2),
            Request(Day(8), "llama3.2", 200, "DE", Alice, 0.0050m, 75));
        (Requests[0].CachedInputTokens, Requests[0].CacheCreationTokens, Requests[0].ReasoningTokens, Requests[0].UsageEstimated) = (800, 50, 60, true);
        Requests[4].Source = RequestSources.Otlp;
        db.RequestLogs.AddRange(Requests);

        Sessions.AddRange(
            Session(Alice, Day(1), Day(1).AddMinutes(30), 5, 0.01m),
            Session(Bob, Day(2), Day(2, 11), 3, 0m),
            Session(Alice, Day(3), null, 7, 0.02m),
            Session(Bob, Day(5), null, 2, 12.5m));
        db.UserSessions.AddRange(Sessions);
        await db.SaveChangesAsync();

        Feedback.AddRange(
            Rating(Requests[0], Alice, 5, "Great", Day(1, 11)),
            Rating(Requests[2], Alice, 2, string.Empty, Day(3, 11)),
            Rating(Requests[1], Bob, 4, "ok", Day(2, 11)),
            Rating(Requests[4], Bob, 5, string.Empty, Day(5, 11)));
        db.FeedbackLogs.AddRange(Feedback);

        Threats.AddRange(
            Threat(ThreatTypes.BruteForce, ThreatSeverity.High, "203.0.113.1", false, Day(1), 5),
            Threat(ThreatTypes.Scanner, ThreatSeverity.Low, "203.0.113.2", true, Day(2), 7),
            Threat(ThreatTypes.PromptInjection, ThreatSeverity.Critical, "203.0.113.3", false, Day(3), 1),
            Threat(ThreatTypes.RateLimit, ThreatSeverity.Medium, "203.0.113.1", false, Day(4), 30),
            Threat(ThreatTypes.OversizedPayload, ThreatSeverity.Low, "203.0.113.4", true, Day(5), 2));
        db.ThreatLogs.AddRange(Threats);

        Stats.AddRange(
            Stat(new DateOnly(2026, 1, 1), "gpt-4o", 10, 1.5m),
            Stat(new DateOnly(2026, 1, 1), "llama3.2", 20, 0m),
            Stat(new DateOnly(2026, 1, 2), "gpt-4o", 5, 12.25m),
            Stat(new DateOnly(2026, 1, 3), "gpt-4o-mini", 8, 9.5m));
        db.ModelUsageStats.AddRange(Stats);
        await db.SaveChangesAsync();
    });

    private static User NewUser(string name, UserRole role, int day) => new() { Name = name, Role = role, CreatedAt = Day(day, 8) };

    private static ApiKey NewKey(User user, string name, DateTime? revoked)
    {
        var secret = ApiKeySecret.Generate();
        return new ApiKey
        {
            UserId = user.Id,
            Name = name,
            Prefix = ApiKeySecret.DisplayPrefix(secret),
            KeyHash = ApiKeySecret.Hash(secret),
            CreatedAt = Day(2, 9),
            RevokedAt = revoked,
        };
    }

    private static RequestLog Request(DateTime at, string model, int status, string country, User? user, decimal? cost, double latency) =>
        RequestLogBuilder.ChatAt(at).Status(status).Latency(latency).Model(model).Cost(cost).Country(country).Ip("198.51.100.7").UserId(user?.Id).Build();

    private static UserSession Session(User user, DateTime start, DateTime? end, int requests, decimal cost) => new()
    {
        UserId = user.Id,
        SessionStart = start,
        SessionEnd = end,
        LastActivityAt = end ?? start.AddMinutes(5),
        IpAddress = "198.51.100.7",
        UserAgent = "test",
        TotalRequests = requests,
        TotalCost = cost,
        TotalTokens = requests * 100,
    };

    private static FeedbackLog Rating(RequestLog request, User user, int rating, string text, DateTime at) => new()
    {
        RequestLogId = request.Id,
        UserId = user.Id,
        Rating = rating,
        FeedbackText = text,
        CreatedAt = at,
    };

    private static ThreatLog Threat(string type, ThreatSeverity severity, string ip, bool resolved, DateTime at, int occurrences) => new()
    {
        ThreatType = type,
        Severity = severity,
        IpAddress = ip,
        Description = $"{type} seen",
        Resolved = resolved,
        CreatedAt = at,
        LastSeenAt = at.AddMinutes(occurrences),
        Occurrences = occurrences,
    };

    private static ModelUsageStats Stat(DateOnly date, string model, int requests, decimal cost)
    {
        var stats = new ModelUsageStats { Date = date, ModelName = model };
        stats.Add(requests, requests - 1, requests * 10, cost, requests * 100_000);
        return stats;
    }
}
