using CleanDashboard.Application.Gateway;

namespace CleanDashboard.Application.UnitTests.Gateway;

public sealed class UpstreamPricingProviderTests
{
    private static Upstream Make(UpstreamKind kind, string baseUrl, string? provider = null) =>
        new("u", new Uri(baseUrl), kind, null, ["*"]) { Provider = provider };

    [Fact]
    public void PricingProvider_WhenConfigured_ShouldBeTheConfiguredProvider()
    {
        Make(UpstreamKind.OpenAI, "http://127.0.0.1:8000/v1", "groq").PricingProvider.Should().Be("groq");
    }

    [Fact]
    public void PricingProvider_WhenAnOpenAIKindUpstreamHasNone_ShouldBeItsApiRootForTheCatalogsApiPatterns()
    {
        Make(UpstreamKind.OpenAI, "https://api.openai.com/v1").PricingProvider.Should().Be("https://api.openai.com/v1");
    }

    [Fact]
    public void PricingProvider_WhenAnOllamaUpstreamHasNone_ShouldBeNullForItIsSelfHosted()
    {
        Make(UpstreamKind.Ollama, "http://127.0.0.1:11434").PricingProvider.Should().BeNull();
    }

    [Fact]
    public void PricingProvider_WhenAnAnthropicKindUpstreamHasNone_ShouldBeItsApiRootForTheCatalogsApiPatterns()
    {
        Make(UpstreamKind.Anthropic, "https://api.anthropic.com/v1").PricingProvider.Should().Be("https://api.anthropic.com/v1");
    }
}
