using System.Text.Json;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;

namespace CleanDashboard.Gateway.IntegrationTests.Failover;

/// <summary>GET /v1/models with model routes: each model once across its upstreams, answered from the cache until it is older than Gateway:ModelListCacheDuration.</summary>
public sealed class ModelListCacheTests(FailoverFixture gateway) : IClassFixture<FailoverFixture>
{
    /// <summary>"answering", "heavy" and "light" are on the healthy stub: one collection asks it three times.</summary>
    private const int HealthyStubListsPerCollection = 3;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Models_ShouldListEachModelOnceAndAskTheUpstreamsAgainOnlyAfterTheCacheDuration()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        var models = await ModelsAsync(http);

        // Upstreams in configuration order; unreachable "refusing" and "down" list their routes' literal names; "other-model"
        // is listed by both "heavy" and "light" and appears once, owned by the first.
        models.Select(m => m.Id).Should().Equal(
            "demo-echo", "gpt-4o-mini", "text-embedding-3-small", "slow-model", "llama3.2:latest", "claude-stub", "refused-model", "keeps-answering", "other-model");
        models.Single(m => m.Id == "other-model").Owner.Should().Be("heavy");
        gateway.Healthy.ModelListCalls.Should().Be(HealthyStubListsPerCollection);

        (await ModelsAsync(http)).Select(m => m.Id).Should().HaveCount(9);
        (await http.GetStringAsync("ollama/api/tags", Cancellation)).Should().Contain("llama3.2:latest");
        gateway.Healthy.ModelListCalls.Should().Be(HealthyStubListsPerCollection, "both lists are answered from the cache");

        gateway.Clock.Advance(FailoverFixture.ModelListCacheDuration - TimeSpan.FromMilliseconds(1));
        await ModelsAsync(http);
        gateway.Healthy.ModelListCalls.Should().Be(HealthyStubListsPerCollection);

        gateway.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await ModelsAsync(http);
        gateway.Healthy.ModelListCalls.Should().Be(2 * HealthyStubListsPerCollection, "the cache is as old as its duration");
    }

    private static async Task<List<(string Id, string Owner)>> ModelsAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("v1/models", Cancellation));
        return document.RootElement.GetProperty("data").EnumerateArray()
            .Select(m => (m.GetProperty("id").GetString()!, m.GetProperty("owned_by").GetString()!))
            .ToList();
    }
}
