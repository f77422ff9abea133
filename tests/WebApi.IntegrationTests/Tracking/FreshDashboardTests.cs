using System.Net;
using System.Text.Json;
using CleanDashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.WebApi.IntegrationTests.Tracking;

/// <summary>
/// Fresh data through the whole app on the fake clock, with the cache on (15 s): a tracked request is on the dashboard
/// the first time the dashboard is read one recompute interval (1 s) after its batch committed, although an older answer is cached.
/// </summary>
public sealed class FreshDashboardTests(DashboardApiFactory factory) : IClassFixture<DashboardApiFactory>
{
    [Fact]
    public async Task GetDashboard_WhenABatchCommitsAfterTheAnswerWasCached_ShouldCountItOneIntervalLaterAndNotBefore()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var admin = factory.ClientWithKey(DashboardApiFactory.AdminKey);
        using var member = factory.ClientWithKey(factory.MemberKey);
        (await TotalRequestsAsync(admin)).Should().Be(0, "a new database; dashboard reads are not tracked");
        var queuedBefore = factory.Services.GetRequiredService<QueuedRequestSignal>().Queued;

        (await member.GetAsync("/v1/models", cancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.GetAsync("/v1/models", cancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        await QueuedRequestSignal.WaitUntilWrittenAsync(factory.Services, queuedBefore + 2, TimeSpan.FromSeconds(10));

        (await TotalRequestsAsync(admin)).Should().Be(0, "the answer computed at this instant is served until 1 s has passed");
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        (await TotalRequestsAsync(admin)).Should().Be(2, "the batch's data version is newer than the cached answer's");
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        (await TotalRequestsAsync(admin)).Should().Be(2);
    }

    private static async Task<long> TotalRequestsAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/dashboard/?range=24h", TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.GetProperty("summary").GetProperty("totalRequests").GetInt64();
    }
}
