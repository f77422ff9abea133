using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.WebApi.IntegrationTests.Scale;

/// <summary>
/// Sessions when one user's requests reach two instances sharing one PostgreSQL database: one session per idle gap
/// (30 minutes), every request counted in it, whichever instance took the request. Skipped with the reason without
/// PostgreSQL or Redis (see <see cref="InstancePair"/>).
/// </summary>
[Trait("Database", "Independent")]
public sealed class TwoInstancesSessionTests
{
    private static readonly DateTimeOffset Ten = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sessions_WhenOneUsersRequestsAlternateBetweenInstances_ShouldBeOnePerIdleGapWithEveryRequestCounted()
    {
        var clockA = new FakeTimeProvider(Ten);
        var clockB = new FakeTimeProvider(Ten);
        await using var pair = await InstancePair.StartAsync(clockA, clockB);

        // Minutes after 10:00 and the instance each request reaches, each written before the next is sent. 10:12 → 10:50
        // is an idle gap: the first session ends at 10:12 with 5 requests.
        foreach (var (instance, clock, minutes) in new[]
        {
            (pair.A, clockA, 0), (pair.B, clockB, 1), (pair.A, clockA, 2), (pair.B, clockB, 5), (pair.A, clockA, 12),
            (pair.B, clockB, 50), (pair.A, clockA, 51), (pair.B, clockB, 53),
        })
        {
            clock.SetUtcNow(Ten.AddMinutes(minutes));
            await pair.SendChatsAsync(instance, 1);
            await pair.DrainWritersAsync();
        }

        // Then both at once at 10:55: 10 requests each, written by the two writers concurrently.
        clockA.SetUtcNow(Ten.AddMinutes(55));
        clockB.SetUtcNow(Ten.AddMinutes(55));
        await Task.WhenAll(pair.SendChatsAsync(pair.A, 10), pair.SendChatsAsync(pair.B, 10));
        await pair.DrainWritersAsync();

        // Both writers have committed all 28 (each chat waited for its hand-off, then the drain for the commit).
        // Each request: 7 tokens, $0.011 (InstancePair). Second session: 3 + 20 = 23 requests, 161 tokens, $0.253.
        var sessions = await SessionsAsync(pair);
        sessions.Should().Equal(
            new SessionRow(Ten.UtcDateTime, Ten.AddMinutes(12).UtcDateTime, Ten.AddMinutes(12).UtcDateTime, 5, 35, 0.055m),
            new SessionRow(Ten.AddMinutes(50).UtcDateTime, null, Ten.AddMinutes(55).UtcDateTime, 23, 161, 0.253m));
    }

    private static async Task<List<SessionRow>> SessionsAsync(InstancePair pair)
    {
        await using var scope = pair.A.Services.CreateAsyncScope();
        var sessions = await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().UserSessions.AsNoTracking()
            .OrderBy(s => s.SessionStart)
            .ToListAsync();
        return [.. sessions.Select(s => new SessionRow(s.SessionStart, s.SessionEnd, s.LastActivityAt, s.TotalRequests, s.TotalTokens, s.TotalCost))];
    }

    private sealed record SessionRow(DateTime Start, DateTime? End, DateTime LastActivity, long Requests, long Tokens, decimal Cost);
}
