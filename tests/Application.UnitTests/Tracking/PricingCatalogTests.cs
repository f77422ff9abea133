using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Application.UnitTests.Tracking;

public sealed class PricingCatalogTests
{
    private static readonly PricingCatalog Catalog = new(
    [
        new PricedModel("gpt-4o", 2.50m, 10.00m, ["gpt-4o-2024-08-06"]),
        new PricedModel("llama3.2", 0.06m, 0.06m, []),
        new PricedModel("text-embedding-3-small", 0.02m, 0m, []),
    ]);

    [Fact]
    public void Cost_WhenModelIsPriced_ShouldChargeInputAndOutputPerMillionRoundedToFourDecimals()
    {
        // (1,200 × 2.50 + 350 × 10.00) / 1,000,000 = (3,000 + 3,500) / 1e6 = 0.0065
        Catalog.Cost("gpt-4o", 1200, 350).Should().Be(0.0065m);
    }

    [Fact]
    public void Cost_WhenAliasOrOtherCase_ShouldUseTheModelsPrice()
    {
        // (100,000 × 2.50 + 10,000 × 10.00) / 1e6 = 0.25 + 0.10 = 0.35
        Catalog.Cost("GPT-4o-2024-08-06", 100_000, 10_000).Should().Be(0.35m);
    }

    [Fact]
    public void Cost_WhenOllamaTagIsNotListed_ShouldFallBackToTheUntaggedName()
    {
        // (1,000,000 × 0.06 + 500,000 × 0.06) / 1e6 = 0.06 + 0.03 = 0.09
        Catalog.Cost("llama3.2:latest", 1_000_000, 500_000).Should().Be(0.09m);
    }

    [Fact]
    public void Cost_WhenHalfOfTheLastDecimal_ShouldRoundAwayFromZero()
    {
        // 25 × 0.02 / 1e6 = 0.0000005 → 0.0000 ; 2,500 × 0.02 / 1e6 = 0.00005 → 0.0001
        Catalog.Cost("text-embedding-3-small", 25, null).Should().Be(0m);
        Catalog.Cost("text-embedding-3-small", 2_500, null).Should().Be(0.0001m);
    }

    [Theory]
    [InlineData("unknown-model", 10, 10)]
    [InlineData("", 10, 10)]
    [InlineData(null, 10, 10)]
    [InlineData("gpt-4o", null, 10)]
    public void Cost_WhenPriceOrPromptTokensUnknown_ShouldBeNullNotZero(string? model, int? prompt, int? completion)
    {
        Catalog.Cost(model, prompt, completion).Should().BeNull();
    }
}
