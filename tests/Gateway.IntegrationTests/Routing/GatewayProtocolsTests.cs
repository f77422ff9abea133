using CleanDashboard.Application.Gateway;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;
using Microsoft.AspNetCore.Http;

namespace CleanDashboard.Gateway.IntegrationTests.Routing;

/// <summary>The protocol registry's pure rules: which protocol a path, a kind or a configured name belongs to.</summary>
[Trait("Database", "Independent")]
public sealed class GatewayProtocolsTests
{
    private static readonly GatewayProtocols Protocols = new([new OpenAIProtocol(TimeProvider.System), new OllamaProtocol(TimeProvider.System), new AnthropicProtocol(TimeProvider.System)]);

    [Theory]
    [InlineData("/v1/chat/completions", UpstreamKind.OpenAI)]
    [InlineData("/v1/messages", UpstreamKind.Anthropic)]
    [InlineData("/v1/messages/count_tokens", UpstreamKind.Anthropic)]
    [InlineData("/v1/messagesque", UpstreamKind.OpenAI)]
    [InlineData("/ollama/api/chat", UpstreamKind.Ollama)]
    public void ForPath_ShouldPickTheLongestPrefixOfWholeSegments(string path, UpstreamKind expected) =>
        Protocols.ForPath(new PathString(path))!.Kind.Should().Be(expected);

    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/api/dashboard")]
    [InlineData("/v1")]
    [InlineData("/")]
    public void ForPath_OutsideTheGateway_ShouldBeNone(string path) =>
        Protocols.ForPath(new PathString(path)).Should().BeNull();

    [Fact]
    public void PathPrefixes_ShouldBeEveryProtocolsPrefixesAndTheOwnApiForTrackingAndTheLimiter()
    {
        Protocols.PathPrefixes.Should().Equal("/v1/", "/ollama/", "/v1/messages");
        Protocols.PathPrefixesAndOwnApi.Should().Equal("/api/", "/v1/", "/ollama/", "/v1/messages");
    }

    [Fact]
    public void For_WhenNoProtocolSpeaksTheKind_ShouldThrowInsteadOfPickingADefault()
    {
        var openAIOnly = new GatewayProtocols([new OpenAIProtocol(TimeProvider.System)]);

        var act = () => openAIOnly.For(UpstreamKind.Anthropic);

        act.Should().Throw<InvalidOperationException>().WithMessage("No gateway protocol speaks the Anthropic API.");
    }

    [Fact]
    public void Validate_WhenAnUpstreamNamesAnUnknownKind_ShouldListTheKindsTheProtocolsSpeak()
    {
        var options = new GatewayOptions
        {
            Upstreams = [new UpstreamOptions { Name = "g", BaseUrl = "https://generativelanguage.googleapis.com/v1beta", Kind = "gemini", Models = ["gemini-*"] }],
        };

        var result = new GatewayOptionsValidator(Protocols).Validate(null, options);

        result.Failures.Should().Equal("Gateway:Upstreams:0:Kind must be 'openai' or 'ollama' or 'anthropic', not 'gemini'.");
    }

    [Theory]
    [InlineData(UpstreamKind.OpenAI, GatewayOperation.Responses, "responses")]
    [InlineData(UpstreamKind.Ollama, GatewayOperation.Responses, "v1/responses")]
    [InlineData(UpstreamKind.Anthropic, GatewayOperation.AnthropicMessages, "messages")]
    [InlineData(UpstreamKind.Anthropic, GatewayOperation.AnthropicCountTokens, "messages/count_tokens")]
    [InlineData(UpstreamKind.Ollama, GatewayOperation.OllamaShow, "api/show")]
    [InlineData(UpstreamKind.Anthropic, GatewayOperation.ChatCompletions, null)]
    [InlineData(UpstreamKind.OpenAI, GatewayOperation.AnthropicMessages, null)]
    [InlineData(UpstreamKind.Ollama, GatewayOperation.AnthropicMessages, null)]
    public void UpstreamPath_ShouldBeWhereThatKindServesTheOperationOrNone(UpstreamKind kind, GatewayOperation operation, string? expected) =>
        ((IUpstreamPaths)Protocols).UpstreamPath(kind, operation).Should().Be(expected);
}
