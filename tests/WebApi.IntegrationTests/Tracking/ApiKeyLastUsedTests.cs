using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.WebApi.IntegrationTests.Tracking;

/// <summary>Requests with a key, through the whole app on the fake clock, set the key's LastUsedAt at most once a minute.</summary>
public sealed class ApiKeyLastUsedTests(DashboardApiFactory factory) : IClassFixture<DashboardApiFactory>
{
    [Fact]
    public async Task Request_WithAKey_ShouldSetLastUsedAtToTheRequestTimeAtMostOnceAMinute()
    {
        using var member = factory.ClientWithKey(factory.MemberKey);
        var start = DashboardApiFactory.Now.UtcDateTime;

        await member.GetAsync("/v1/models", TestContext.Current.CancellationToken);
        var first = await WaitForLogsAsync(1);
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        await member.GetAsync("/v1/models", TestContext.Current.CancellationToken);
        var second = await WaitForLogsAsync(2);
        factory.Time.Advance(TimeSpan.FromSeconds(31));
        await member.GetAsync("/v1/models", TestContext.Current.CancellationToken);
        var third = await WaitForLogsAsync(3);

        first.Should().Be((1, start));
        second.Should().Be((2, start), "30 s after the stored use is inside the minute: nothing is written");
        third.Should().Be((3, start.AddSeconds(61)));
    }

    /// <summary>Waits until the writer stored the <paramref name="count"/>th request; returns the member key's requests and its LastUsedAt.</summary>
    private async Task<(int Requests, DateTime? LastUsedAt)> WaitForLogsAsync(int count)
    {
        await QueuedRequestSignal.WaitUntilWrittenAsync(factory.Services, count, TimeSpan.FromSeconds(10));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var key = await db.ApiKeys.Where(k => k.UserId == factory.MemberUserId).SingleAsync(TestContext.Current.CancellationToken);
        var requests = await db.RequestLogs.CountAsync(r => r.ApiKeyId == key.Id, TestContext.Current.CancellationToken);
        return (requests, key.LastUsedAt);
    }
}
