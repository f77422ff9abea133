using System.Net;
using System.Text.Json;
using CleanDashboard.Infrastructure.Pricing;
using FluentAssertions;

namespace CleanDashboard.Admin.IntegrationTests.Api;

/// <summary>GET /api/admin/pricing: the effective price of a model from the catalog the build exported, or from configuration.</summary>
[Collection(ApiCollection.Name)]
public sealed class PricingTests(AdminApiFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string query, string? key = AdminApiFactory.AdminKey)
    {
        using var client = factory.ClientWithKey(key);
        using var response = await client.GetAsync("/api/admin/pricing" + query, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static void SkipWithoutCatalog() =>
        Assert.SkipUnless(File.Exists(PriceCatalogFile.DefaultPath), $"The build did not place the price catalog at {PriceCatalogFile.DefaultPath} (npm or node unavailable?).");

    [Fact]
    public async Task Get_WhenTheCatalogListsTheModel_ShouldReturnItsEntryProviderAndPrices()
    {
        SkipWithoutCatalog();

        var (status, body) = await GetAsync("?model=gpt-4o-mini-2024-07-18&provider=openai&at=2026-06-01");

        status.Should().Be(HttpStatusCode.OK);
        body.GetProperty("model").GetString().Should().Be("gpt-4o-mini-2024-07-18");
        body.GetProperty("matchedModel").GetString().Should().Be("gpt-4o-mini");
        body.GetProperty("provider").GetString().Should().Be("openai");
        body.GetProperty("source").GetString().Should().Be("catalog");
        body.GetProperty("fromConfiguration").GetBoolean().Should().BeFalse();
        body.GetProperty("at").GetString().Should().Be("2026-06-01T00:00:00Z");
        body.GetProperty("input").GetProperty("perMillion").GetDecimal().Should().Be(0.15m);
        body.GetProperty("output").GetProperty("perMillion").GetDecimal().Should().Be(0.60m);
        body.GetProperty("cacheRead").GetProperty("perMillion").GetDecimal().Should().Be(0.075m);
        body.GetProperty("cacheWrite").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("input").GetProperty("tiers").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Get_WhenThePriceChanged_ShouldReturnThePriceInForceAtTheGivenTimeAndItsStartDate()
    {
        SkipWithoutCatalog();

        var (_, before) = await GetAsync("?model=o3&at=2025-06-09T23:59:59Z");
        var (_, after) = await GetAsync("?model=o3&at=2025-06-10");

        before.GetProperty("input").GetProperty("perMillion").GetDecimal().Should().Be(10m);
        before.GetProperty("priceStartsAt").ValueKind.Should().Be(JsonValueKind.Null);
        after.GetProperty("input").GetProperty("perMillion").GetDecimal().Should().Be(2m);
        after.GetProperty("output").GetProperty("perMillion").GetDecimal().Should().Be(8m);
        after.GetProperty("priceStartsAt").GetString().Should().Be("2025-06-10T00:00:00Z");
    }

    [Fact]
    public async Task Get_WhenTheModelHasTieredPrices_ShouldListTheTiers()
    {
        SkipWithoutCatalog();

        var (_, body) = await GetAsync("?model=claude-sonnet-4-5&at=2026-06-01");

        body.GetProperty("provider").GetString().Should().Be("anthropic");
        var tier = body.GetProperty("cacheWrite").GetProperty("tiers").EnumerateArray().Single();
        body.GetProperty("cacheWrite").GetProperty("perMillion").GetDecimal().Should().Be(3.75m);
        tier.GetProperty("aboveInputTokens").GetInt64().Should().Be(200_000);
        tier.GetProperty("perMillion").GetDecimal().Should().Be(7.5m);
    }

    [Fact]
    public async Task Get_WhenTheModelIsConfigured_ShouldSayItCameFromConfiguration()
    {
        var (status, body) = await GetAsync("?model=demo-echo");

        status.Should().Be(HttpStatusCode.OK);
        body.GetProperty("source").GetString().Should().Be("configuration");
        body.GetProperty("fromConfiguration").GetBoolean().Should().BeTrue();
        body.GetProperty("provider").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("input").GetProperty("perMillion").GetDecimal().Should().Be(1m);
        body.GetProperty("output").GetProperty("perMillion").GetDecimal().Should().Be(2m);
    }

    [Fact]
    public async Task Get_WhenNoPriceIsKnown_ShouldBe404ProblemNamingTheModel()
    {
        var (status, body) = await GetAsync("?model=no-such-model-anywhere");

        status.Should().Be(HttpStatusCode.NotFound);
        body.GetProperty("status").GetInt32().Should().Be(404);
        body.GetProperty("detail").GetString().Should().Contain("\"no-such-model-anywhere\"");
    }

    [Theory]
    [InlineData("", "model")]
    [InlineData("?model=", "model")]
    [InlineData("?model=gpt-4o&at=yesterday", "at")]
    [InlineData("?model=gpt-4o&at=2026-01-01T10:00:00", "at")]
    [InlineData("?model=gpt-4o&provider=open%00ai", "provider")]
    [InlineData("?model=gpt%0A4o", "model")]
    public async Task Get_WhenInputIsBad_ShouldBe400NamingTheField(string query, string field)
    {
        var (status, body) = await GetAsync(query);

        status.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(field);
    }

    [Fact]
    public async Task Get_WhenTheCallerIsNotAnAdmin_ShouldBe403()
    {
        var (status, _) = await GetAsync("?model=demo-echo", await factory.MemberKeyAsync());

        status.Should().Be(HttpStatusCode.Forbidden);
    }
}
