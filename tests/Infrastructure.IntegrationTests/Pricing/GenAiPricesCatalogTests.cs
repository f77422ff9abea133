using System.Text.RegularExpressions;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.Pricing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.IntegrationTests.Pricing;

/// <summary>Real model ids priced with the catalog the build exported from @pydantic/genai-prices 0.1.8; amounts computed by hand from its prices.</summary>
public sealed class GenAiPricesCatalogTests
{
    private static readonly DateTime At = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static PricingCatalog Pricing(params PricedModel[] overrides)
    {
        Assert.SkipUnless(File.Exists(PriceCatalogFile.DefaultPath), $"The build did not place the price catalog at {PriceCatalogFile.DefaultPath} (npm or node unavailable?).");
        var file = new PriceCatalogFile(Options.Create(new PricingOptions()), NullLogger<PriceCatalogFile>.Instance);
        return new PricingCatalog(overrides, file.Catalog);
    }

    private static TokenUsage Usage(int prompt, int completion, int? cached = null, int? written = null) =>
        new(null, prompt, completion, prompt + completion) { CachedInputTokens = cached, CacheCreationTokens = written };

    [Fact]
    public void Status_WhenTheBuildPlacedTheCatalog_ShouldBeHealthyWithItsVersionAndSize()
    {
        Pricing();
        var file = new PriceCatalogFile(Options.Create(new PricingOptions()), NullLogger<PriceCatalogFile>.Instance);

        file.Status.Should().Be(new HealthCheckDto(HealthStatus.Healthy, "genai-prices 0.1.8: 1694 models of 43 providers"));
    }

    [Fact]
    public void Status_WhenTheCatalogIsMissing_ShouldBeDegradedAndPriceNothing()
    {
        var file = new PriceCatalogFile(Options.Create(new PricingOptions { CatalogPath = Path.Combine(Path.GetTempPath(), "no-such-catalog.json") }), NullLogger<PriceCatalogFile>.Instance);

        file.Status.Status.Should().Be(HealthStatus.Degraded);
        file.Status.Detail.Should().Be("Price catalog not found at 'no-such-catalog.json'; set Pricing:CatalogPath. Only models in Pricing:Models are priced.");
        file.Catalog.ModelCount.Should().Be(0);
    }

    [Fact]
    public void Cost_WhenGpt4oMiniReadsEightHundredPromptTokensFromTheCache_ShouldChargeThemAtTheCacheReadPrice()
    {
        // (200 × 0.15 + 800 × 0.075 + 100 × 0.60) / 1e6 = (30 + 60 + 60) / 1e6
        Pricing().Cost("gpt-4o-mini-2024-07-18", Usage(1000, 100, cached: 800), At).Should().Be(0.00015m);
    }

    [Fact]
    public void Cost_WhenAnAnthropicModelReadsAndWritesTheCache_ShouldChargeEachAtItsPrice()
    {
        // claude-3-5-haiku: 0.80 input, 0.08 cache read, 1.00 cache write, 4.00 output.
        // 10,000 prompt = 6,000 read + 2,000 written + 2,000 uncached: 2,000 × 0.8 + 6,000 × 0.08 + 2,000 × 1 + 500 × 4
        // = 1,600 + 480 + 2,000 + 2,000 = 6,080 / 1e6
        var pricing = Pricing();

        pricing.Cost("claude-3-5-haiku-20241022", Usage(10_000, 500, cached: 6000, written: 2000), At).Should().Be(0.00608m);
        pricing.Find("claude-3-5-haiku-20241022", At)!.Should().Match<PriceQuote>(q => q.Model == "claude-3-5-haiku-latest" && q.Provider == "anthropic");
    }

    [Fact]
    public void Cost_WhenThePromptIsAboveTheTierStart_ShouldChargeAllTokensAtTheTiersPrices()
    {
        // claude-sonnet-4-5 above 200,000 input tokens: 6 input, 0.6 cache read, 22.5 output.
        // 250,000 prompt = 100,000 read + 150,000 uncached: 150,000 × 6 + 100,000 × 0.6 + 1,000 × 22.5 = 982,500 / 1e6
        Pricing().Cost("claude-sonnet-4-5-20250929", Usage(250_000, 1000, cached: 100_000), At).Should().Be(0.9825m);
    }

    [Fact]
    public void Cost_WhenTheCatalogChangedThePrice_ShouldChargeThePriceInForceOnEitherSide()
    {
        var pricing = Pricing();
        var usage = Usage(1_000_000, 1_000_000);

        // o3: 10 / 40 until 2025-06-10, then 2 / 8.
        pricing.Cost("o3", usage, new DateTime(2025, 6, 9, 12, 0, 0, DateTimeKind.Utc)).Should().Be(50m);
        pricing.Cost("o3", usage, new DateTime(2025, 6, 10, 0, 0, 0, DateTimeKind.Utc)).Should().Be(10m);
    }

    [Fact]
    public void Cost_WhenAPriceHoldsOutsideOffPeakHours_ShouldChargeByTheRequestsTimeOfDay()
    {
        var pricing = Pricing();
        var usage = Usage(1_000_000, 1_000_000);

        // deepseek-chat: 0.27 / 1.10 from 00:30 to 16:30 UTC, 0.135 / 0.55 off-peak.
        pricing.Cost("deepseek-chat", usage, new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc)).Should().Be(1.37m);
        pricing.Cost("deepseek-chat", usage, new DateTime(2026, 6, 1, 20, 0, 0, DateTimeKind.Utc)).Should().Be(0.685m);
    }

    [Fact]
    public void Cost_WhenOnlyTheUpstreamsProviderListsTheModel_ShouldPriceItForThatProviderOnly()
    {
        var pricing = Pricing();
        var usage = Usage(1_000_000, 1_000_000);

        // No provider's model_match names llama-3.3-70b-versatile; groq sells it at 0.59 / 0.79.
        pricing.Cost("llama-3.3-70b-versatile", usage, At).Should().BeNull();
        pricing.Cost("llama-3.3-70b-versatile", usage, At, "groq").Should().Be(1.38m);
        pricing.Cost("llama-3.3-70b-versatile", usage, At, "https://api.groq.com/openai/v1").Should().Be(1.38m);
    }

    [Fact]
    public void Find_WhenTheUpstreamIsOpenRouter_ShouldMatchItsOwnModelNames()
    {
        var quote = Pricing().Find("openai/gpt-4o-mini", At, "https://openrouter.ai/api/v1");

        quote.Should().NotBeNull();
        quote!.Provider.Should().Be("openrouter");
        quote.Model.Should().Be("openai/gpt-4o-mini");
        quote.Source.Should().Be(PriceSource.Catalog);
    }

    [Fact]
    public void Cost_WhenConfigurationPricesACatalogModel_ShouldUseTheConfiguredPrice()
    {
        var pricing = Pricing(new PricedModel("gpt-4o-mini", 1m, 2m, []));

        // (1,000 × 1 + 100 × 2) / 1e6
        pricing.Cost("gpt-4o-mini", Usage(1000, 100), At, "openai").Should().Be(0.0012m);
    }

    [Fact]
    public void Cost_WhenASelfHostedModelIsNotConfigured_ShouldBeNull()
    {
        Pricing().Cost("llama3.2", Usage(1000, 100), At).Should().BeNull();
    }

    [Theory]
    [InlineData("^o[134]", true)]
    [InlineData("^(?:https://api\\.openai\\.com)", true)]
    [InlineData("^(?!.*-[tT][tT][sS](?:$|-))", false)]
    public void CatalogRegex_ShouldBeLinearTimeWhereThePatternAllowsAndNeverTimeOut(string pattern, bool linear)
    {
        var regex = GenAiPricesReader.CatalogRegex(pattern);

        regex.Options.HasFlag(RegexOptions.NonBacktracking).Should().Be(linear);
        regex.MatchTimeout.Should().Be(Regex.InfiniteMatchTimeout);
    }
}
