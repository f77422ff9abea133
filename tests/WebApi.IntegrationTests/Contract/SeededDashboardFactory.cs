using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.TestSupport;

namespace CleanDashboard.WebApi.IntegrationTests.Contract;

/// <summary>
/// The API with a tiny data set, now = 2024-03-01T10:37:12Z, so range=24h covers [2024-02-29T11:00Z, now]:
/// <code>
///  created (UTC)     status  ms    ttft  model     tokens  cost    country  user
///  02-29 10:59:59    200      100    -   llama3.2  10      9.0000  US       member   (1 s before the window)
///  03-01 09:15:00    200     1200  300   llama3.2  150     0.0150  US       member
///  03-01 09:45:00    500      300    -   gpt-4o    -       -       DE       member
///  03-01 10:05:00    200      600  150   gpt-4o    50      0.2500  (blank)  -
///  03-01 10:20:00    200      900    -   my-model  100     -       US       -        (tokens, no price: unpriced)
/// </code>
/// The member's rows carry the member's "tests" key.
/// plus one session (09:15, 2 requests, 0.0150), one 4-star rating and one open high rate_limit threat.
/// </summary>
public sealed class SeededDashboardFactory : DashboardApiFactory
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (!TestDatabaseTarget.ServerAvailable)
        {
            return;
        }

        await SeedAsync(db =>
        {
            var member = db.Users.Single(u => u.Id == MemberUserId);
            var memberKey = db.ApiKeys.Single(k => k.UserId == MemberUserId).Id;
            var r1 = Log(At(3, 1, 9, 15, 0), 200, 1200, "llama3.2", 150, 0.0150m, "US", member, ttft: 300, apiKeyId: memberKey);
            db.RequestLogs.AddRange(
                Log(At(2, 29, 10, 59, 59), 200, 100, "llama3.2", 10, 9.0000m, "US", member, apiKeyId: memberKey),
                r1,
                Log(At(3, 1, 9, 45, 0), 500, 300, "gpt-4o", null, null, "DE", member, apiKeyId: memberKey),
                Log(At(3, 1, 10, 5, 0), 200, 600, "gpt-4o", 50, 0.2500m, string.Empty, null, ttft: 150),
                Log(At(3, 1, 10, 20, 0), 200, 900, "my-model", 100, null, "US", null));
            db.UserSessions.Add(new UserSession
            {
                User = member,
                SessionStart = At(3, 1, 9, 15, 0),
                LastActivityAt = At(3, 1, 9, 45, 0),
                IpAddress = "203.0.113.10",
                UserAgent = "tests",
                TotalRequests = 2,
                TotalCost = 0.0150m,
                TotalTokens = 150,
            });
            var rating = FeedbackLog.For(r1, 0);
            (rating.RequestLog, rating.User, rating.Rating, rating.CreatedAt) = (r1, member, 4, At(3, 1, 9, 16, 0));
            db.FeedbackLogs.Add(rating);
            db.ThreatLogs.Add(new ThreatLog
            {
                ThreatType = "rate_limit",
                Severity = ThreatSeverity.High,
                IpAddress = "192.0.2.7",
                Description = "tests",
                CreatedAt = At(3, 1, 10, 0, 0),
                LastSeenAt = At(3, 1, 10, 0, 0),
            });
        });
    }

    private static DateTime At(int month, int day, int hour, int minute, int second) => new(2024, month, day, hour, minute, second, DateTimeKind.Utc);

    private static RequestLog Log(DateTime at, int status, double latencyMs, string model, int? tokens, decimal? cost, string country, User? user, double? ttft = null, int? apiKeyId = null) =>
        RequestLogBuilder.ChatAt(at).Status(status).Latency(latencyMs, ttft).Model(model).Tokens(tokens, tokens is null ? null : 0).Cost(cost)
            .Country(country).User(user).ApiKeyId(apiKeyId).Build();
}
