using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Rollups;
using Microsoft.Extensions.DependencyInjection;
using CleanDashboard.TestSupport;

namespace CleanDashboard.Infrastructure.IntegrationTests.ReadStores;

/// <summary>
/// A small hand-built data set around now = 2024-03-01T10:37:12Z. For range=24h the window is
/// [2024-02-29T11:00:00Z, 2024-03-01T10:37:12Z]; rows sit exactly on both edges and one second outside each.
/// <code>
///  id   created (UTC)        status  ms    model      tokens  cost    country  user
///  O1   02-29 10:59:59       200     5000  gpt-4o     1000    1.0000  DE       dave   (1 s before From)
///  R1   02-29 11:00:00       200     1000  llama3.2   100     0.0100  US       alice  (exactly From)
///  R2   02-29 11:30:00       200      500  llama3.2    50     0.0050  US       alice
///  R3   02-29 11:59:59       500      100  gpt-4o        -          -  DE       bob
///  R4   02-29 11:45:00       401       20  (blank)       -          -  (blank)  -
///  R5   02-29 23:10:00       200     2000  gpt-4o      300     0.1234  GB       bob
///  R6   02-29 23:20:00       429       10  gpt-4o        -          -  GB       bob
///  R7   02-29 23:59:59       200      800  alpha        80          -  FR       carol  (tokens, no price)
///  R8   03-01 00:00:00       200      300  alpha        60     0.0006  FR       carol
///  R9   03-01 00:30:00       200      400  beta         40     0.0004  US       alice
///  R10  03-01 00:31:00       400       50  beta          -          -  US       alice
///  R11  03-01 00:40:00       401       30  (blank)       -          -  (blank)  -
///  R12  03-01 10:00:00       200      100  llama3.2     10     0.0001  JP       alice
///  R13  03-01 10:05:00       500      200  llama3.2      -          -  JP       alice
///  R14… 03-01 10:10…10:16    200      100  single-a…g    -          -  CA       -      (7 rows, one per model)
///  R21  03-01 10:30:00       401       10  (blank)       -          -  (blank)  -
///  R22  03-01 10:37:12       200     1000  (blank)      20     0.0020  (blank)  -      (exactly To)
///  O2   03-01 10:37:13       500     5000  gpt-4o     1000     1.0000  DE       dave   (1 s after To)
/// </code>
/// </summary>
public sealed class DashboardDataSet : TestDatabase
{
    public static readonly DateTime From24h = Utc(2, 29, 11, 0, 0);

    public static readonly DateTime Now = DefaultNow.UtcDateTime;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (!IsReady)
        {
            return;
        }

        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        Seed(db);
        await db.SaveChangesAsync();

        // The rows are inserted directly, so sum them into the rollups as the rebuild-rollups command does.
        await scope.ServiceProvider.GetRequiredService<RollupRebuilder>().RebuildAsync(CancellationToken.None);
    }

    public static DateTime Utc(int month, int day, int hour, int minute, int second) => new(2024, month, day, hour, minute, second, DateTimeKind.Utc);

    private static void Seed(DashboardDbContext db)
    {
        var alice = User("alice");
        var bob = User("bob");
        var carol = User("carol");
        var dave = User("dave");
        db.Users.AddRange(alice, bob, carol, dave);

        var o1 = Log(Utc(2, 29, 10, 59, 59), 200, 5000, "gpt-4o", 1000, 1.0000m, "DE", dave);
        var r1 = Log(Utc(2, 29, 11, 0, 0), 200, 1000, "llama3.2", 100, 0.0100m, "US", alice);
        var r2 = Log(Utc(2, 29, 11, 30, 0), 200, 500, "llama3.2", 50, 0.0050m, "US", alice);
        var r3 = Log(Utc(2, 29, 11, 59, 59), 500, 100, "gpt-4o", null, null, "DE", bob);
        var r4 = Log(Utc(2, 29, 11, 45, 0), 401, 20, string.Empty, null, null, string.Empty, null);
        var r5 = Log(Utc(2, 29, 23, 10, 0), 200, 2000, "gpt-4o", 300, 0.1234m, "GB", bob);
        var r6 = Log(Utc(2, 29, 23, 20, 0), 429, 10, "gpt-4o", null, null, "GB", bob);
        var r7 = Log(Utc(2, 29, 23, 59, 59), 200, 800, "alpha", 80, null, "FR", carol);
        var r8 = Log(Utc(3, 1, 0, 0, 0), 200, 300, "alpha", 60, 0.0006m, "FR", carol);
        var r9 = Log(Utc(3, 1, 0, 30, 0), 200, 400, "beta", 40, 0.0004m, "US", alice);
        var r10 = Log(Utc(3, 1, 0, 31, 0), 400, 50, "beta", null, null, "US", alice);
        var r11 = Log(Utc(3, 1, 0, 40, 0), 401, 30, string.Empty, null, null, string.Empty, null);
        var r12 = Log(Utc(3, 1, 10, 0, 0), 200, 100, "llama3.2", 10, 0.0001m, "JP", alice);
        var r13 = Log(Utc(3, 1, 10, 5, 0), 500, 200, "llama3.2", null, null, "JP", alice);
        var singles = "abcdefg".Select((c, i) => Log(Utc(3, 1, 10, 10 + i, 0), 200, 100, $"single-{c}", null, null, "CA", null)).ToList();
        var r21 = Log(Utc(3, 1, 10, 30, 0), 401, 10, string.Empty, null, null, string.Empty, null);
        var r22 = Log(Utc(3, 1, 10, 37, 12), 200, 1000, string.Empty, 20, 0.0020m, string.Empty, null);
        var o2 = Log(Utc(3, 1, 10, 37, 13), 500, 5000, "gpt-4o", 1000, 1.0000m, "DE", dave);
        db.RequestLogs.AddRange([o1, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, .. singles, r21, r22, o2]);

        db.UserSessions.AddRange(
            Closed(Session(dave, Utc(2, 29, 10, 59, 59), 10, 5.0000m)),
            Closed(Session(alice, Utc(2, 29, 11, 0, 0), 3, 0.0145m)),
            Session(bob, Utc(2, 29, 23, 10, 0), 2, 0.1234m),
            Session(carol, Utc(2, 29, 23, 59, 59), 2, 0.0006m),
            Session(alice, Utc(3, 1, 10, 37, 12), 2, 0.0001m),
            Session(dave, Utc(3, 1, 10, 37, 13), 10, 5.0000m));

        db.FeedbackLogs.AddRange(
            Feedback(o1, dave, 1, Utc(2, 29, 10, 59, 59)),
            Feedback(r1, alice, 5, Utc(2, 29, 11, 0, 0)),
            Feedback(r2, alice, 5, Utc(2, 29, 11, 31, 0)),
            Feedback(r5, bob, 5, Utc(2, 29, 23, 11, 0)),
            Feedback(r7, carol, 4, Utc(3, 1, 0, 0, 30)),
            Feedback(r8, carol, 4, Utc(3, 1, 0, 1, 0)),
            Feedback(r9, alice, 4, Utc(3, 1, 0, 31, 0)),
            Feedback(r12, alice, 4, Utc(3, 1, 10, 1, 0)),
            Feedback(r22, alice, 2, Utc(3, 1, 10, 37, 12)),
            Feedback(o2, dave, 1, Utc(3, 1, 10, 37, 13)));

        db.ThreatLogs.AddRange(
            Threat("prompt_injection", ThreatSeverity.Critical, resolved: false, Utc(2, 29, 10, 59, 59)),
            Threat("rate_limit", ThreatSeverity.Medium, resolved: false, Utc(2, 29, 11, 0, 0)),
            Threat("rate_limit", ThreatSeverity.High, resolved: true, Utc(2, 29, 20, 0, 0)),
            Threat("brute_force", ThreatSeverity.High, resolved: false, Utc(3, 1, 1, 0, 0)),
            Threat("scanner", ThreatSeverity.Low, resolved: true, Utc(3, 1, 5, 0, 0)),
            Threat("brute_force", ThreatSeverity.Medium, resolved: false, Utc(3, 1, 6, 0, 0)),
            Threat("prompt_injection", ThreatSeverity.Critical, resolved: false, Utc(3, 1, 10, 37, 12)),
            Threat("prompt_injection", ThreatSeverity.Critical, resolved: false, Utc(3, 1, 10, 37, 13)));
    }

    private static User User(string name) => new() { Name = name, Role = UserRole.Member, CreatedAt = Utc(1, 1, 0, 0, 0) };

    private static RequestLog Log(DateTime at, int status, double latencyMs, string model, int? tokens, decimal? cost, string country, User? user) =>
        RequestLogBuilder.ChatAt(at).Status(status).Latency(latencyMs).Model(model).Tokens(tokens / 2, tokens - (tokens / 2)).Cost(cost)
            .Country(country).Ip("203.0.113.10").User(user).Build();

    private static UserSession Session(User user, DateTime start, int requests, decimal cost) => new()
    {
        User = user,
        SessionStart = start,
        LastActivityAt = start,
        IpAddress = "203.0.113.10",
        UserAgent = "curl/8.5.0",
        TotalRequests = requests,
        TotalCost = cost,
        TotalTokens = requests * 10,
    };

    /// <summary>A user's earlier session: the idle gap closed it (a user has one open session).</summary>
    private static UserSession Closed(UserSession session)
    {
        session.Close();
        return session;
    }

    private static FeedbackLog Feedback(RequestLog request, User user, int rating, DateTime at) => new()
    {
        RequestLog = request,
        User = user,
        Rating = rating,
        CreatedAt = at,
    };

    private static ThreatLog Threat(string type, ThreatSeverity severity, bool resolved, DateTime at) => new()
    {
        ThreatType = type,
        Severity = severity,
        IpAddress = "192.0.2.1",
        Description = $"{type} test",
        Resolved = resolved,
        CreatedAt = at,
        LastSeenAt = at,
    };
}
