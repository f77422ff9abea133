using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;

namespace CleanDashboard.Gateway.IntegrationTests.Protocols;

/// <summary>Anthropic's Messages API through the gateway with the official Anthropic .NET SDK, against the demo model and a stub Anthropic upstream.</summary>
public sealed class AnthropicMessagesTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static MessageCreateParams Ask(string model, string text, long maxTokens = 100) => new()
    {
        Model = model,
        MaxTokens = maxTokens,
        Messages = [new UserMessageParam { Content = text }],
    };

    [Fact]
    public async Task Create_WhenModelIsDemoEcho_ShouldAnswerInAnthropicsShapeAndRecordTokensAndCost()
    {
        var caller = await gateway.NewCallerAsync();

        var message = await caller.Anthropic().Messages.Create(Ask("demo-echo", "Hello gateway"), Cancellation);

        message.Model.Raw().Should().Be("demo-echo");
        message.Content.Should().ContainSingle();
        message.Content[0].TryPickText(out var text).Should().BeTrue();
        text!.Text.Should().Be("Echo: Hello gateway");
        message.StopReason!.Raw().Should().Be("end_turn");
        (message.Usage.InputTokens, message.Usage.OutputTokens).Should().Be((2L, 3L));
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.Method, row.StatusCode, row.ModelName, row.Upstream).Should().Be(("/v1/messages", "POST", 200, "demo-echo", "demo"));
        (row.PromptTokens, row.CompletionTokens, row.TotalTokens).Should().Be((2, 3, 5));
        row.CostUsd.Should().Be(0.008m, "2 × $1,000 + 3 × $2,000 per million");
    }

    [Fact]
    public async Task CreateStreaming_WhenModelIsDemoEcho_ShouldStreamEachWordAndRecordTokensFromMessageStartAndDelta()
    {
        var caller = await gateway.NewCallerAsync();
        var pieces = new List<string>();
        long? outputTokens = null;
        long? inputTokens = null;

        await foreach (var streamed in caller.Anthropic().Messages.CreateStreaming(Ask("demo-echo", "Hello streaming gateway"), Cancellation))
        {
            if (streamed.TryPickStart(out var start))
            {
                inputTokens = start!.Message.Usage.InputTokens;
            }
            else if (streamed.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var piece))
            {
                pieces.Add(piece!.Text);
            }
            else if (streamed.TryPickDelta(out var end))
            {
                outputTokens = end!.Usage.OutputTokens;
            }
        }

        pieces.Should().Equal("Echo:", " Hello", " streaming", " gateway");
        (inputTokens, outputTokens).Should().Be((3L, 4L));
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.StatusCode, row.ModelName, row.Upstream).Should().Be(("/v1/messages", 200, "demo-echo", "demo"));
        (row.PromptTokens, row.CompletionTokens, row.TotalTokens, row.UsageEstimated).Should().Be((3, 4, 7, false));
        row.CostUsd.Should().Be(0.011m, "3 × $1,000 + 4 × $2,000 per million");
    }

    [Fact]
    public async Task CountTokens_WhenModelIsDemoEcho_ShouldCountTheSystemPromptAndMessages()
    {
        var caller = await gateway.NewCallerAsync();

        var count = await caller.Anthropic().Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "demo-echo",
            System = "Be brief",
            Messages = [new UserMessageParam { Content = "Hello gateway" }],
        }, Cancellation);

        count.InputTokens.Should().Be(4);
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.StatusCode, row.ModelName).Should().Be(("/v1/messages/count_tokens", 200, "demo-echo"));
        row.PromptTokens.Should().BeNull("a token count uses no tokens");
        row.CostUsd.Should().BeNull();
    }

    [Fact]
    public async Task Create_WhenAnAnthropicUpstreamServesTheModel_ShouldSendItsOwnKeyAndVersionAndRecordCacheTokensAndCost()
    {
        var caller = await gateway.NewCallerAsync();

        var message = await caller.Anthropic().Messages.Create(Ask("claude-stub", "Hello stub"), Cancellation);

        message.Content[0].TryPickText(out var text).Should().BeTrue();
        text!.Text.Should().Be(string.Concat(StubUpstream.ChatPieces));
        var received = gateway.Stub.LastRequestTo("/anthropic/v1/messages");
        received.ApiKeyHeader.Should().Be(GatewayFixture.AnthropicUpstreamKey, "the upstream gets its own key, never the client's");
        received.Authorization.Should().BeEmpty();
        received.AnthropicVersion.Should().Be("2026-10-21", "the version Anthropic .NET 13.14.0 sends passes through");
        var row = await caller.SingleRequestLogAsync();
        AssertStubRow(row);
    }

    [Fact]
    public async Task CreateStreaming_WhenAnAnthropicUpstreamServesTheModel_ShouldPassEveryPieceAndRecordUsageFromStartAndDelta()
    {
        var caller = await gateway.NewCallerAsync();
        var pieces = new List<string>();

        await foreach (var streamed in caller.Anthropic().Messages.CreateStreaming(Ask("claude-stub", "Hello stub"), Cancellation))
        {
            if (streamed.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickText(out var piece))
            {
                pieces.Add(piece!.Text);
            }
        }

        pieces.Should().Equal(StubUpstream.ChatPieces);
        AssertStubRow(await caller.SingleRequestLogAsync());
    }

    [Fact]
    public async Task Create_WhenTheClientSendsNoVersion_ShouldSendTheUpstreamTheDefaultVersion()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync(
            "v1/messages", new StringContent("""{"model":"claude-stub","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var received = gateway.Stub.LastRequestTo("/anthropic/v1/messages");
        (received.ApiKeyHeader, received.AnthropicVersion, received.Authorization).Should().Be((GatewayFixture.AnthropicUpstreamKey, "2023-06-01", string.Empty));
    }

    [Fact]
    public async Task Create_WhenKeyIsSentAsBearer_ShouldBeAccepted()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync(
            "v1/messages", new StringContent("""{"model":"demo-echo","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        body.RootElement.GetProperty("content")[0].GetProperty("text").GetString().Should().Be("Echo: Hi");
        (await caller.SingleRequestLogAsync()).ApiKeyId.Should().Be(caller.KeyId);
    }

    [Fact]
    public async Task Create_WhenKeyIsUnknown_ShouldRaiseTheSdksUnauthorizedErrorWithTheMessageAndRecordTheModel()
    {
        var caller = await gateway.NewCallerAsync();
        var client = new Anthropic.AnthropicClient { ApiKey = "cd_not-a-key", BaseUrl = gateway.BaseAddress.AbsoluteUri.TrimEnd('/'), MaxRetries = 0 };

        var act = () => client.Messages.Create(Ask("claude-stub", "Hello"), Cancellation);

        var error = (await act.Should().ThrowAsync<AnthropicUnauthorizedException>()).Which;
        error.ApiMessage.Should().Be("Incorrect API key provided: send a valid CleanDashboard API key as 'x-api-key: <key>' or 'Authorization: Bearer <key>'.");
        error.Type!.Raw().Should().Be("authentication_error");
        var row = await gateway.SingleRequestLogAsync(r => r.StatusCode == 401 && r.Endpoint == "/v1/messages" && r.ModelName == "claude-stub");
        (row.ApiKeyId, row.Upstream).Should().Be((null, null));
        _ = caller;
    }

    [Fact]
    public async Task Create_WhenNoUpstreamServesTheModel_ShouldRaiseTheSdksNotFoundErrorWithTheMessage()
    {
        var caller = await gateway.NewCallerAsync();

        var act = () => caller.Anthropic().Messages.Create(Ask("mystery-model", "Hello"), Cancellation);

        var error = (await act.Should().ThrowAsync<AnthropicNotFoundException>()).Which;
        error.Type!.Raw().Should().Be("not_found_error");
        error.ApiMessage.Should().Be("No upstream serves the model 'mystery-model'. Add a pattern that matches it to the Models of an upstream in the Gateway:Upstreams configuration, or use a model listed by GET /v1/models.");
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.StatusCode, row.ModelName).Should().Be(("/v1/messages", 404, "mystery-model"));
    }

    [Fact]
    public async Task Create_WhenMaxTokensIsMissingForTheDemoModel_ShouldRaiseTheSdksBadRequestErrorNamingTheField()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync(
            "v1/messages", new StringContent("""{"model":"demo-echo","messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        body.RootElement.GetProperty("type").GetString().Should().Be("error");
        var error = body.RootElement.GetProperty("error");
        (error.GetProperty("type").GetString(), error.GetProperty("message").GetString()).Should().Be(("invalid_request_error", "Missing required parameter: 'max_tokens'."));
        body.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("type", "error");
    }

    /// <summary>
    /// The stub's usage: 2,000 uncached + 5,000 cache-read + 1,000 cache-write input tokens and 700 output tokens;
    /// at $3 / $0.30 / $3.75 / $15 per million: 0.006 + 0.0015 + 0.00375 + 0.0105 = $0.02175.
    /// </summary>
    private static void AssertStubRow(Domain.Entities.RequestLog row)
    {
        (row.Endpoint, row.StatusCode, row.ModelName, row.Upstream).Should().Be(("/v1/messages", 200, "claude-stub", "stub-anthropic"));
        (row.PromptTokens, row.CompletionTokens, row.TotalTokens).Should().Be((8_000, 700, 8_700));
        (row.CachedInputTokens, row.CacheCreationTokens, row.ReasoningTokens).Should().Be((5_000, 1_000, null));
        row.CostUsd.Should().Be(0.02175m);
    }
}
