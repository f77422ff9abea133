using System.Text;
using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Gateway.DemoModel;

namespace CleanDashboard.Application.UnitTests.Gateway;

/// <summary>
/// The gateway's pure rules, without a server: patterns, routing order, body parsing, the demo model's counting.
/// Upstream paths come from a table here; the protocols' own paths are tested in Gateway.IntegrationTests' GatewayProtocolsTests.
/// </summary>
public sealed class UpstreamRoutingTests
{
    private static readonly Upstream OpenAI = new("openai", new Uri("https://api.example.test/v1"), UpstreamKind.OpenAI, "sk-test", ["gpt-4o*", "text-embedding-3-small"]);
    private static readonly Upstream Ollama = new("ollama", new Uri("http://127.0.0.1:11434"), UpstreamKind.Ollama, null, ["*"]);
    private static readonly IUpstreamPaths Paths = new PathTable(new()
    {
        [(UpstreamKind.OpenAI, GatewayOperation.ChatCompletions)] = "chat/completions",
        [(UpstreamKind.OpenAI, GatewayOperation.Embeddings)] = "embeddings",
        [(UpstreamKind.Ollama, GatewayOperation.ChatCompletions)] = "v1/chat/completions",
        [(UpstreamKind.Ollama, GatewayOperation.Embeddings)] = "v1/embeddings",
        [(UpstreamKind.Ollama, GatewayOperation.OllamaChat)] = "api/chat",
        [(UpstreamKind.Ollama, GatewayOperation.OllamaGenerate)] = "api/generate",
    });

    [Theory]
    [InlineData("gpt-4o*", "gpt-4o", true)]
    [InlineData("gpt-4o*", "GPT-4o-mini", true)]
    [InlineData("gpt-4o*", "gpt-4", false)]
    [InlineData("*-mini", "gpt-4o-mini", true)]
    [InlineData("*-mini", "gpt-4o-mini-2024", false)]
    [InlineData("llama*:*b", "llama3.2:3b", true)]
    [InlineData("llama*:*b", "llama3.2:latest", false)]
    [InlineData("mistral", "mistral", true)]
    [InlineData("mistral", "mistral:7b", false)]
    [InlineData("*", "anything at all", true)]
    public void Matches_ShouldTreatStarAsAnyRunAndIgnoreCase(string pattern, string model, bool expected) =>
        ModelPattern.Matches(pattern, model).Should().Be(expected);

    [Fact]
    public void Route_WhenDemoModelIsEnabled_ShouldAnswerDemoEchoBeforeACatchAllUpstream()
    {
        var router = new UpstreamRouter([Ollama], demoModelEnabled: true, Paths);

        router.Route("demo-echo", GatewayOperation.ChatCompletions).IsDemoModel.Should().BeTrue();
        new UpstreamRouter([Ollama], demoModelEnabled: false, Paths).Route("demo-echo", GatewayOperation.ChatCompletions).Upstream.Should().Be(Ollama);
    }

    [Fact]
    public void Route_ShouldPickTheFirstMatchingUpstreamAndItsPathForTheOperation()
    {
        var router = new UpstreamRouter([OpenAI, Ollama], demoModelEnabled: true, Paths);

        router.Route("gpt-4o-mini", GatewayOperation.ChatCompletions).Address.Should().Be(new Uri("https://api.example.test/v1/chat/completions"));
        router.Route("llama3.2", GatewayOperation.ChatCompletions).Address.Should().Be(new Uri("http://127.0.0.1:11434/v1/chat/completions"));
        router.Route("llama3.2", GatewayOperation.OllamaGenerate).Address.Should().Be(new Uri("http://127.0.0.1:11434/api/generate"));
        router.Route("text-embedding-3-small", GatewayOperation.Embeddings).Upstream.Should().Be(OpenAI);
    }

    [Fact]
    public void Route_WhenNoPatternMatches_ShouldThrowNotFoundNamingTheSetting()
    {
        var router = new UpstreamRouter([OpenAI], demoModelEnabled: true, Paths);

        var act = () => router.Route("llama3.2", GatewayOperation.ChatCompletions);

        act.Should().Throw<NotFoundException>().WithMessage("*'llama3.2'*Gateway:Upstreams*");
    }

    [Fact]
    public void Route_WhenAnOllamaRouteAsksForAnOpenAIUpstreamModel_ShouldThrowValidationNamingModel()
    {
        var router = new UpstreamRouter([OpenAI, Ollama], demoModelEnabled: true, Paths);

        var act = () => router.Route("gpt-4o", GatewayOperation.OllamaChat);

        act.Should().Throw<InvalidGatewayRequestException>().Which.Param.Should().Be("model");
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("{\"model\":", "body")]
    [InlineData("{\"messages\":[]}", "model")]
    [InlineData("{\"model\":42}", "model")]
    [InlineData("{\"model\":\"  \"}", "model")]
    public void Parse_WhenBodyIsUnusable_ShouldThrowNamingTheField(string body, string field)
    {
        var act = () => GatewayRequest.Parse(Encoding.UTF8.GetBytes(body));

        act.Should().Throw<InvalidGatewayRequestException>().Which.Param.Should().Be(field);
    }

    [Fact]
    public void RequestStreamUsage_ShouldAddIncludeUsageAndKeepOtherStreamOptionsAndFields()
    {
        var request = GatewayRequest.Parse("""{"model":"gpt-4o","stream":true,"stream_options":{"custom":1},"temperature":0.5}"""u8.ToArray());

        request.RequestStreamUsage().Should().BeTrue();
        request.RequestStreamUsage().Should().BeFalse("it is already asked for");

        Encoding.UTF8.GetString(request.ToUtf8Bytes()).Should().Be("""{"model":"gpt-4o","stream":true,"stream_options":{"custom":1,"include_usage":true},"temperature":0.5}""");
    }

    [Theory]
    [InlineData(GatewayOperation.ChatCompletions, """{"model":"m"}""", false)]
    [InlineData(GatewayOperation.ChatCompletions, """{"model":"m","stream":true}""", true)]
    [InlineData(GatewayOperation.OllamaChat, """{"model":"m"}""", true)]
    [InlineData(GatewayOperation.OllamaGenerate, """{"model":"m","stream":false}""", false)]
    public void IsStreaming_ShouldFollowEachApisDefault(GatewayOperation operation, string body, bool expected) =>
        GatewayRequest.Parse(Encoding.UTF8.GetBytes(body)).IsStreaming(operation).Should().Be(expected);

    [Fact]
    public void DemoReply_WhenMaxTokensIsSmallerThanTheEcho_ShouldStopAtTheLimitWithFinishReasonLength()
    {
        var request = GatewayRequest.Parse("""{"model":"demo-echo","max_tokens":3,"messages":[{"role":"system","content":"Be brief"},{"role":"user","content":[{"type":"text","text":"one two three four"}]}]}"""u8.ToArray());

        var reply = DemoEcho.Reply(request, GatewayOperation.ChatCompletions);

        reply.Pieces.Should().Equal("Echo:", " one", " two");
        reply.Text.Should().Be("Echo: one two");
        reply.PromptTokens.Should().Be(6, "2 system words + 4 user words");
        reply.CompletionTokens.Should().Be(3);
        reply.FinishReason.Should().Be("length");
    }

    /// <summary>The paths the OpenAI and Ollama protocols give these operations; an operation absent is one the kind cannot serve.</summary>
    private sealed class PathTable(Dictionary<(UpstreamKind Kind, GatewayOperation Operation), string> paths) : IUpstreamPaths
    {
        public string? UpstreamPath(UpstreamKind kind, GatewayOperation operation) => paths.GetValueOrDefault((kind, operation));
    }
}
