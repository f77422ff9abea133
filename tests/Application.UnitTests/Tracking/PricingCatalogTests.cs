using System.Text.RegularExpressions;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Application.Tracking.Catalog;

namespace CleanDashboard.Application.UnitTests.Tracking;

public sealed class PricingCatalogTests
{
    private static readonly DateTime At = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly PricingCatalog Catalog = new(
    [
        new PricedModel("gpt-4o", 2.50m, 10.00m, ["gpt-4o-2024-08-06"]),
        new PricedModel("llama3.2", 0.06m, 0.06m, []),
        new PricedModel("text-embedding-3-small", 0.02m, 0m, []),
        new PricedModel("demo-echo", 1.00m, 2.00m, []),
        new PricedModel("house-model", 1.00m, 4.00m, [], CachedInputPerMillion: 0.10m, CacheWritePerMillion: 1.25m),
    ]);

    private static TokenUsage Usage(int? prompt, int? completion) => new(null, prompt, completion, prompt + completion);

    [Fact]
    public void Cost_WhenModelIsPriced_ShouldChargeInputAndOutputPerMillionExactly()
    {
        // (1,200 × 2.50 + 350 × 10.00) / 1,000,000 = (3,000 + 3,500) / 1e6 = 0.0065
        Catalog.Cost("gpt-4o", Usage(1200, 350), At).Should().Be(0.0065m);
    }

    [Fact]
    public void Cost_WhenAliasOrOtherCase_ShouldUseTheModelsPrice()
    {
        // (100,000 × 2.50 + 10,000 × 10.00) / 1e6 = 0.25 + 0.10 = 0.35
        Catalog.Cost("GPT-4o-2024-08-06", Usage(100_000, 10_000), At).Should().Be(0.35m);
    }

    [Fact]
    public void Cost_WhenOllamaTagIsNotListed_ShouldFallBackToTheUntaggedName()
    {
        // (1,000,000 × 0.06 + 500,000 × 0.06) / 1e6 = 0.06 + 0.03 = 0.09
        Catalog.Cost("llama3.2:latest", Usage(1_000_000, 500_000), At).Should().Be(0.09m);
    }

    [Fact]
    public void Cost_WhenTheAmountIsBelowTheFourthDecimal_ShouldKeepItExactlyNotRounded()
    {
        // Requirement change (issue 12): no rounding to 4 decimals. 25 × 0.02 / 1e6 = 0.0000005 ; 2,500 × 0.02 / 1e6 = 0.00005
        Catalog.Cost("text-embedding-3-small", Usage(25, null), At).Should().Be(0.0000005m);
        Catalog.Cost("text-embedding-3-small", Usage(2_500, null), At).Should().Be(0.00005m);
    }

    [Fact]
    public void Cost_WhenTheDemoModelAnswersThreeAndFourTokens_ShouldBeElevenMillionths()
    {
        // (3 × 1.00 + 4 × 2.00) / 1e6 = 11 / 1e6
        Catalog.Cost("demo-echo", Usage(3, 4), At).Should().Be(0.000011m);
    }

    [Fact]
    public void Cost_WhenAConfiguredModelHasCachePrices_ShouldChargeCacheReadsAndWritesAtTheirOwnPrice()
    {
        // 1,000 prompt = 600 cached + 100 written + 300 uncached: (300 × 1.00 + 600 × 0.10 + 100 × 1.25 + 50 × 4.00) / 1e6
        // = (300 + 60 + 125 + 200) / 1e6 = 685 / 1e6
        var usage = Usage(1000, 50) with { CachedInputTokens = 600, CacheCreationTokens = 100 };

        Catalog.Cost("house-model", usage, At).Should().Be(0.000685m);
    }

    [Fact]
    public void Cost_WhenTheModelHasNoCachePrice_ShouldChargeCachedTokensAsInput()
    {
        // No cache price for gpt-4o here: all 1,000 prompt tokens at 2.50 → 2,500 / 1e6
        var usage = Usage(1000, 0) with { CachedInputTokens = 800 };

        Catalog.Cost("gpt-4o", usage, At).Should().Be(0.0025m);
    }

    [Theory]
    [InlineData("unknown-model", 10, 10)]
    [InlineData("", 10, 10)]
    [InlineData(null, 10, 10)]
    [InlineData("gpt-4o", null, null)]
    public void Cost_WhenPriceOrTokensUnknown_ShouldBeNullNotZero(string? model, int? prompt, int? completion)
    {
        Catalog.Cost(model, new TokenUsage(null, prompt, completion, null), At).Should().BeNull();
    }

    [Fact]
    public void Cost_WhenAModelIsConfiguredAndInTheCatalog_ShouldUseTheConfiguredPrice()
    {
        var pricing = new PricingCatalog([new PricedModel("gpt-4o-mini", 1m, 1m, [])], TestCatalog.Build());

        // Configured 1 / 1 per million wins over the catalog's 0.15 / 0.60: (1,000 + 100) / 1e6
        pricing.Cost("gpt-4o-mini", Usage(1000, 100), At, "openai").Should().Be(0.0011m);
        pricing.Find("gpt-4o-mini", At, "openai")!.Source.Should().Be(PriceSource.Configuration);
    }

    [Fact]
    public void Cost_WhenGpt4oMiniReadsEightHundredOfAThousandPromptTokensFromTheCache_ShouldBeTheDoneWhenAmount()
    {
        var pricing = new PricingCatalog([], TestCatalog.Build());
        var usage = Usage(1000, 100) with { CachedInputTokens = 800 };

        // (200 × 0.15 + 800 × 0.075 + 100 × 0.60) / 1e6 = (30 + 60 + 60) / 1e6 = 0.00015
        pricing.Cost("gpt-4o-mini", usage, At).Should().Be(0.00015m);
    }

    [Fact]
    public void Cost_WhenThePriceChangedOnAStartDate_ShouldChargeThePriceInForceAtTheRequestsTime()
    {
        var pricing = new PricingCatalog([], TestCatalog.Build());
        var usage = Usage(1_000_000, 1_000_000);

        // o3 before 2025-06-10: 10 + 40 = 50; from that day on: 2 + 8 = 10
        pricing.Cost("o3", usage, new DateTime(2025, 6, 9, 23, 59, 59, DateTimeKind.Utc)).Should().Be(50m);
        pricing.Cost("o3", usage, new DateTime(2025, 6, 10, 0, 0, 0, DateTimeKind.Utc)).Should().Be(10m);
        pricing.Find("o3", new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc))!.StartsAt.Should().Be(new DateTime(2025, 6, 10, 0, 0, 0, DateTimeKind.Utc));
        pricing.Find("o3", new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc))!.StartsAt.Should().BeNull();
    }

    [Fact]
    public void Cost_WhenThePromptExceedsATierStart_ShouldChargeEveryTokenOfEachKindAtTheTiersPrice()
    {
        var pricing = new PricingCatalog([], TestCatalog.Build());

        // 200,000 prompt tokens is not above the start: 200,000 × 3 + 1,000 × 15 = 615,000 / 1e6
        pricing.Cost("claude-sonnet-4-5", Usage(200_000, 1000), At).Should().Be(0.615m);
        // 200,001: every token at the tier: 200,001 × 6 + 1,000 × 22.5 = 1,222,506 / 1e6
        pricing.Cost("claude-sonnet-4-5", Usage(200_001, 1000), At).Should().Be(1.222506m);
    }

    [Fact]
    public void Cost_WhenTheUpstreamNamesAProvider_ShouldUseThatProvidersPriceForTheSameName()
    {
        var pricing = new PricingCatalog([], TestCatalog.Build());
        var usage = Usage(1_000_000, 0);

        // gpt-4o-mini: OpenAI's 0.15 by model_match; the reseller's 0.20 when the upstream names it, by id or API root.
        pricing.Cost("gpt-4o-mini", usage, At).Should().Be(0.15m);
        pricing.Cost("gpt-4o-mini", usage, At, "reseller").Should().Be(0.20m);
        pricing.Cost("gpt-4o-mini", usage, At, "https://api.reseller.example/v1").Should().Be(0.20m);
        pricing.Find("gpt-4o-mini", At, "reseller")!.Provider.Should().Be("reseller");
    }

    [Fact]
    public void Cost_WhenTheUpstreamsProviderIsNotInTheCatalog_ShouldFallBackToTheProviderWhoseModelsTheNameMatches()
    {
        var pricing = new PricingCatalog([], TestCatalog.Build());

        // A stub or proxy URL the catalog does not know: OpenAI's model_match ("gpt-") applies: 1,000,000 × 0.15
        pricing.Cost("gpt-4o-mini", Usage(1_000_000, 0), At, "http://127.0.0.1:5000/v1").Should().Be(0.15m);
    }

    [Fact]
    public void Find_WhenTheNameHasACompactDate_ShouldMatchTheDashedDateOfTheCatalog()
    {
        var pricing = new PricingCatalog([], TestCatalog.Build());

        // The catalog lists "o3-2025-04-16"; the compact "o3-20250416" is rewritten with dashes, as genai-prices does.
        pricing.Find("o3-20250416", At)!.Model.Should().Be("o3");
    }

    [Fact]
    public void Find_WhenTheSameNameIsPricedAgain_ShouldAnswerFromMemoryWithoutRunningTheRulesAgain()
    {
        var rule = new CountingRule(new EqualsRule("house-2"));
        var catalog = OneModelCatalog(rule);

        catalog.Find("house-2", null)!.Model.Id.Should().Be("house-2");
        catalog.Find("house-2", null)!.Model.Id.Should().Be("house-2");
        catalog.Find("other", null).Should().BeNull();
        catalog.Find("other", null).Should().BeNull();

        rule.Calls.Should().Be(2);
    }

    [Fact]
    public void Find_WhenMoreNamesThanItRemembersWereAsked_ShouldStillAnswerEveryNameRight()
    {
        var rule = new CountingRule(new EqualsRule("house-2"));
        var catalog = OneModelCatalog(rule);
        for (var i = 0; i < PriceCatalog.RememberedNames; i++)
        {
            catalog.Find($"name-{i}", null);
        }

        catalog.Find("house-2", null)!.Model.Id.Should().Be("house-2");
        catalog.Find("house-2", null)!.Model.Id.Should().Be("house-2");

        // Callers choose the names, so memory stops at the bound: the two last lookups ran the rules.
        rule.Calls.Should().Be(PriceCatalog.RememberedNames + 2);
    }

    [Fact]
    public void Find_WhenTheNameIsLongerThanAModelNameMayBe_ShouldBeNullWithoutRunningTheRules()
    {
        var rule = new CountingRule(new StartsWithRule("house"));
        var catalog = OneModelCatalog(rule);

        catalog.Find("house" + new string('x', 123), null).Should().NotBeNull();
        catalog.Find("house" + new string('x', 124), null).Should().BeNull();

        rule.Calls.Should().Be(1);
    }

    private static PriceCatalog OneModelCatalog(MatchRule rule) => new(
    [
        new CatalogProvider("house", "House", null, null, new StartsWithRule(""), [],
            [new CatalogModel("house-2", null, rule, [new DatedPrice(null, ModelPrice.Flat(1m, 2m))])]),
    ]);

    private sealed record CountingRule(MatchRule Inner) : MatchRule
    {
        public int Calls { get; private set; }

        public override bool Matches(string value)
        {
            Calls++;
            return Inner.Matches(value);
        }
    }

    /// <summary>A catalog shaped like genai-prices' data, with its real prices for these models.</summary>
    private static class TestCatalog
    {
        public static PriceCatalog Build() => new(
        [
            new CatalogProvider("openai", "OpenAI", new Regex(@"^(?:https://api\.openai\.com)"), new ContainsRule("openai"),
                new AnyOfRule([new StartsWithRule("gpt-"), new RegexRule(new Regex("^o[134]"))]), [],
            [
                new CatalogModel("gpt-4o-mini", null, new AnyOfRule([new EqualsRule("gpt-4o-mini"), new EqualsRule("gpt-4o-mini-2024-07-18")]),
                    [new DatedPrice(null, ModelPrice.Flat(0.15m, 0.60m, 0.075m))]),
                new CatalogModel("o3", null, new AnyOfRule([new EqualsRule("o3"), new EqualsRule("o3-2025-04-16")]),
                [
                    new DatedPrice(null, ModelPrice.Flat(10m, 40m, 0.5m)),
                    new DatedPrice(new StartDateConstraint(new DateTime(2025, 6, 10, 0, 0, 0, DateTimeKind.Utc)), ModelPrice.Flat(2m, 8m, 0.5m)),
                ]),
            ]),
            new CatalogProvider("anthropic", "Anthropic", new Regex(@"^(?:https://api\.anthropic\.com)"), new ContainsRule("anthropic"), new ContainsRule("claude"), [],
            [
                new CatalogModel("claude-sonnet-4-5", null, new StartsWithRule("claude-sonnet-4-5"),
                [
                    new DatedPrice(null, new ModelPrice(
                        new TieredPrice(3m, [new PriceTier(200_000, 6m)]),
                        new TieredPrice(15m, [new PriceTier(200_000, 22.5m)]),
                        new TieredPrice(0.3m, [new PriceTier(200_000, 0.6m)]),
                        new TieredPrice(3.75m, [new PriceTier(200_000, 7.5m)]))),
                ]),
            ]),
            new CatalogProvider("reseller", "Reseller", new Regex(@"^(?:https://api\.reseller\.example)"), null, null, [],
            [
                new CatalogModel("gpt-4o-mini", null, new EqualsRule("gpt-4o-mini"), [new DatedPrice(null, ModelPrice.Flat(0.20m, 0.80m))]),
            ]),
        ]);
    }
}
