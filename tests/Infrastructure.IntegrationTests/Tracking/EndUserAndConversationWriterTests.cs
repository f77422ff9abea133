using CleanDashboard.Application;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Rollups;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Rollups;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Tracking;

/// <summary>Ingested spans that name an end user and a conversation: the writer files them under that end user and that conversation's session.</summary>
public sealed class EndUserAndConversationWriterTests : IAsyncLifetime
{
    private const int Rounds = 15;
    private static readonly DateTime Day = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _db = new();
    private int _ownerId;

    public async ValueTask InitializeAsync()
    {
        await _db.InitializeAsync();
        await _db.ExecuteAsync(async db =>
        {
            var owner = new User { Name = "app-owner", Role = UserRole.Member, CreatedAt = Day };
            db.Users.Add(owner);
            await db.SaveChangesAsync();
            _ownerId = owner.Id;
        });
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task WriteAsync_WhenTwoInstancesMeetANewEndUserAtOnce_ShouldCreateOneUserForBoth()
    {
        await using var other = SecondInstance();
        for (var round = 0; round < Rounds; round++)
        {
            var endUser = $"user-{round}";
            await Task.WhenAll(
                Task.Run(() => WriteAsync(_db.Services, Span("10:00:00", endUser), Span("10:00:01", endUser))),
                Task.Run(() => WriteAsync(other, Span("10:00:02", endUser))));
        }

        var endUsers = await _db.QueryAsync(db => db.Users.AsNoTracking().Where(u => u.ParentUserId == _ownerId).ToListAsync());
        endUsers.Select(u => u.ExternalId).Should().BeEquivalentTo(Enumerable.Range(0, Rounds).Select(r => $"user-{r}"));
        endUsers.Should().AllSatisfy(u => u.Name.Should().Be($"app-owner/{u.ExternalId}"));
        endUsers.Should().AllSatisfy(u => u.Role.Should().Be(UserRole.Member));
        var logsPerUser = await _db.QueryAsync(db => db.RequestLogs.AsNoTracking().GroupBy(r => r.UserId).Select(g => new { UserId = g.Key, Count = g.Count() }).ToListAsync());
        logsPerUser.Should().BeEquivalentTo(endUsers.Select(u => new { UserId = (int?)u.Id, Count = 3 }));
    }

    [Fact]
    public async Task WriteAsync_WhenAnEndUserIsNamed_ShouldCreateItOnceAndKeepSpansWithoutOneOnTheKeysUser()
    {
        await WriteAsync(_db.Services, Span("10:00:00", "alice"), Span("10:01:00", endUser: null));
        await WriteAsync(_db.Services, Span("10:02:00", "alice"), Span("10:03:00", "bob"));

        var users = await _db.QueryAsync(db => db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Name, u.ParentUserId, u.ExternalId, u.CreatedAt }).ToListAsync());
        users.Should().Equal(
            new { Name = "app-owner", ParentUserId = (int?)null, ExternalId = (string?)null, CreatedAt = Day },
            new { Name = "app-owner/alice", ParentUserId = (int?)_ownerId, ExternalId = (string?)"alice", CreatedAt = At("10:00:00") },
            new { Name = "app-owner/bob", ParentUserId = (int?)_ownerId, ExternalId = (string?)"bob", CreatedAt = At("10:03:00") });
        var owners = await _db.QueryAsync(db => db.RequestLogs.AsNoTracking().OrderBy(r => r.CreatedAt).Select(r => r.User!.Name).ToListAsync());
        owners.Should().Equal("app-owner/alice", "app-owner", "app-owner/alice", "app-owner/bob");
    }

    [Fact]
    public async Task WriteAsync_WhenAConversationSpansIdleGapsAndBatches_ShouldKeepOneSessionAndItsRollupInTheBucketItStartsIn()
    {
        // c1: 10:00 and 11:30 (a 90-minute gap, still one session), then 09:00 in a later batch: the session starts at 09:00.
        await WriteAsync(_db.Services, Span("10:00:00", "alice", "c1", 0.001m), Span("11:30:00", "alice", "c1", 0.002m));
        await WriteAsync(_db.Services, Span("09:00:00", "alice", "c1", 0.004m), Span("10:05:00", "alice", null, 0.008m), Span("10:06:00", "bob", "c1", 0.016m));

        var sessions = await _db.QueryAsync(db => db.UserSessions.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new { User = s.User!.Name, s.ConversationId, s.SessionStart, s.SessionEnd, s.LastActivityAt, s.TotalRequests, s.TotalCost }).ToListAsync());
        sessions.Should().Equal(
            new { User = "app-owner/alice", ConversationId = (string?)"c1", SessionStart = At("09:00:00"), SessionEnd = (DateTime?)At("11:30:00"), LastActivityAt = At("11:30:00"), TotalRequests = 3, TotalCost = 0.007m },
            new { User = "app-owner/alice", ConversationId = (string?)null, SessionStart = At("10:05:00"), SessionEnd = (DateTime?)null, LastActivityAt = At("10:05:00"), TotalRequests = 1, TotalCost = 0.008m },
            new { User = "app-owner/bob", ConversationId = (string?)"c1", SessionStart = At("10:06:00"), SessionEnd = (DateTime?)At("10:06:00"), LastActivityAt = At("10:06:00"), TotalRequests = 1, TotalCost = 0.016m });

        // The 10:00 bucket first counted c1 (2 requests, 0.003), then gave it up to 09:00 and got the 10:05 and bob's 10:06 sessions.
        var written = await HourlySessionRollupsAsync();
        written.Should().Equal(
            (At("09:00:00"), 1L, 3L, RollupMath.ToCostUnits(0.007m)),
            (At("10:00:00"), 2L, 2L, RollupMath.ToCostUnits(0.024m)));
        await _db.InScopeAsync(services => services.GetRequiredService<RollupRebuilder>().RebuildAsync(CancellationToken.None));
        (await HourlySessionRollupsAsync()).Should().Equal(written, "the rollups written batch by batch equal a rebuild from the sessions");
    }

    private Task<List<(DateTime, long, long, long)>> HourlySessionRollupsAsync() =>
        _db.QueryAsync(async db => (await db.HourlySessionRollups.AsNoTracking().OrderBy(r => r.BucketStart).ToListAsync())
            .Select(r => (r.BucketStart, r.Sessions, r.Requests, r.CostUnits)).ToList());

    private static async Task WriteAsync(IServiceProvider services, params TrackedRequest[] batch)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(batch, CancellationToken.None);
    }

    private static DateTime At(string time) => Day + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);

    private TrackedRequest Span(string time, string? endUser, string? conversation = null, decimal cost = 0.0001m) => new()
    {
        CreatedAt = At(time),
        Endpoint = "chat",
        Method = "OTLP",
        StatusCode = 200,
        LatencyMs = 100,
        ModelName = "gpt-4o",
        TotalTokens = 10,
        CostUsd = cost,
        UserId = _ownerId,
        EndUserId = endUser,
        ConversationId = conversation,
        Source = RequestSources.Otlp,
    };

    private ServiceProvider SecondInstance()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_db.Target.Settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddApplication()
            .AddInfrastructure(configuration)
            .BuildServiceProvider();
    }
}
