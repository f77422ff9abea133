using CleanDashboard.Infrastructure.Persistence;
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

    /// <summary>Waits until the writer stored the member key's <paramref name="count"/>th request; returns that count and the key's LastUsedAt.</summary>
    private async Task<(int Requests, DateTime? LastUsedAt)> WaitForLogsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            // The rows first, then the key: the batch that holds the request sets LastUsedAt in the same transaction, so
            // once its rows are seen the key is read after that commit (the other order could read the key before it).
            var keyId = await db.ApiKeys.Where(k => k.UserId == factory.MemberUserId).Select(k => k.Id).SingleAsync(TestContext.Current.CancellationToken);
            var requests = await db.RequestLogs.CountAsync(r => r.ApiKeyId == keyId, TestContext.Current.CancellationToken);
            if (requests >= count || DateTime.UtcNow > deadline)
            {
                var lastUsedAt = await db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.LastUsedAt).SingleAsync(TestContext.Current.CancellationToken);
                return (requests, lastUsedAt);
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
