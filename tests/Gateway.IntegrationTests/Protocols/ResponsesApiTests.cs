using System.ClientModel;
using System.Net;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using OpenAI.Responses;

// The OpenAI SDK marks its Responses client as evaluation-only; it is the client newer OpenAI clients default to.
#pragma warning disable OPENAI001

namespace CleanDashboard.Gateway.IntegrationTests.Protocols;

/// <summary>The Responses API through the gateway with the official OpenAI .NET SDK's Responses client, against the demo model and a stub OpenAI upstream.</summary>
public sealed class ResponsesApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateResponse_WhenModelIsDemoEcho_ShouldAnswerAndRecordTokensAndCost()
    {
        var caller = await gateway.NewCallerAsync();

        ResponseResult response = await caller.OpenAI().GetResponsesClient().CreateResponseAsync("demo-echo", "Hello gateway", cancellationToken: Cancellation);

        response.GetOutputText().Should().Be("Echo: Hello gateway");
        response.Model.Should().Be("demo-echo");
        response.Status.Should().Be(ResponseStatus.Completed);
        (response.Usage.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount).Should().Be((2, 3, 5));
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.Method, row.StatusCode, row.ModelName, row.Upstream).Should().Be(("/v1/responses", "POST", 200, "demo-echo", "demo"));
        (row.PromptTokens, row.CompletionTokens, row.TotalTokens, row.UsageEstimated).Should().Be((2, 3, 5, false));
        row.CostUsd.Should().Be(0.008m, "2 × $1,000 + 3 × $2,000 per million");
    }

    [Fact]
    public async Task CreateResponseStreaming_WhenModelIsDemoEcho_ShouldSendOpenAIsEventSequenceAndRecordTheUsageOfResponseCompleted()
    {
        var caller = await gateway.NewCallerAsync();
        var kinds = new List<string>();
        var deltas = new List<string>();
        ResponseResult? completed = null;

        await foreach (var update in await caller.OpenAI().GetResponsesClient().CreateResponseStreamingAsync(Streamed("demo-echo", "Hello streaming gateway"), Cancellation))
        {
            kinds.Add(update.GetType().Name);
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    deltas.Add(delta.Delta);
                    break;
                case StreamingResponseCompletedUpdate done:
                    completed = done.Response;
                    break;
            }
        }

        kinds.Should().Equal(
            nameof(StreamingResponseCreatedUpdate),
            nameof(StreamingResponseInProgressUpdate),
            nameof(StreamingResponseOutputItemAddedUpdate),
            nameof(StreamingResponseContentPartAddedUpdate),
            nameof(StreamingResponseOutputTextDeltaUpdate),
            nameof(StreamingResponseOutputTextDeltaUpdate),
            nameof(StreamingResponseOutputTextDeltaUpdate),
            nameof(StreamingResponseOutputTextDeltaUpdate),
            nameof(StreamingResponseOutputTextDoneUpdate),
            nameof(StreamingResponseContentPartDoneUpdate),
            nameof(StreamingResponseOutputItemDoneUpdate),
            nameof(StreamingResponseCompletedUpdate));
        deltas.Should().Equal("Echo:", " Hello", " streaming", " gateway");
        completed!.GetOutputText().Should().Be("Echo: Hello streaming gateway");
        (completed.Usage.InputTokenCount, completed.Usage.OutputTokenCount).Should().Be((3, 4));
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.StatusCode, row.ModelName, row.Upstream).Should().Be(("/v1/responses", 200, "demo-echo", "demo"));
        (row.PromptTokens, row.CompletionTokens, row.TotalTokens, row.UsageEstimated).Should().Be((3, 4, 7, false));
        row.CostUsd.Should().Be(0.011m, "3 × $1,000 + 4 × $2,000 per million");
    }

    [Fact]
    public async Task MicrosoftExtensionsAI_OverTheResponsesClient_ShouldAnswerWithItsUsage()
    {
        // Not streamed: Microsoft.Extensions.AI.OpenAI 10.11.0 is built against OpenAI 2.14, whose streaming Responses
        // method OpenAI 2.15 changed (MissingMethodException before any request is sent).
        var caller = await gateway.NewCallerAsync();
        IChatClient chat = caller.OpenAI().GetResponsesClient().AsIChatClient("demo-echo");

        var response = await chat.GetResponseAsync("Hello extensions", cancellationToken: Cancellation);

        response.Text.Should().Be("Echo: Hello extensions");
        (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount).Should().Be((2L, 3L));
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.StatusCode, row.ModelName, row.PromptTokens, row.CompletionTokens, row.CostUsd).Should().Be(("/v1/responses", 200, "demo-echo", 2, 3, 0.008m));
    }

    [Fact]
    public async Task MicrosoftExtensionsAI_OverTheChatClient_ShouldStreamTheAnswerWithItsUsage()
    {
        var caller = await gateway.NewCallerAsync();
        IChatClient chat = caller.OpenAI().GetChatClient("demo-echo").AsIChatClient();
        var text = new System.Text.StringBuilder();
        UsageDetails? usage = null;

        await foreach (var update in chat.GetStreamingResponseAsync("Hello extensions", cancellationToken: Cancellation))
        {
            text.Append(update.Text);
            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
        }

        text.ToString().Should().Be("Echo: Hello extensions");
        (usage!.InputTokenCount, usage.OutputTokenCount).Should().Be((2L, 3L));
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.StatusCode, row.ModelName, row.PromptTokens, row.CompletionTokens, row.CostUsd).Should().Be(("/v1/chat/completions", 200, "demo-echo", 2, 3, 0.008m));
    }

    [Fact]
    public async Task CreateResponse_WhenMaxOutputTokensCutsTheDemoAnswer_ShouldBeIncomplete()
    {
        var caller = await gateway.NewCallerAsync();
        var options = new CreateResponseOptions { Model = "demo-echo", MaxOutputTokenCount = 2 };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem("one two three"));

        ResponseResult response = await caller.OpenAI().GetResponsesClient().CreateResponseAsync(options, Cancellation);

        response.GetOutputText().Should().Be("Echo: one");
        response.Status.Should().Be(ResponseStatus.Incomplete);
        response.IncompleteStatusDetails.Reason.Should().Be(ResponseIncompleteStatusReason.MaxOutputTokens);
        (await caller.SingleRequestLogAsync()).CompletionTokens.Should().Be(2);
    }

    [Fact]
    public async Task CreateResponse_WhenAnOpenAIUpstreamServesTheModel_ShouldRecordCachedAndReasoningTokensAndCost()
    {
        var caller = await gateway.NewCallerAsync();

        ResponseResult response = await caller.OpenAI().GetResponsesClient().CreateResponseAsync("gpt-resp-stub", "Hello stub", cancellationToken: Cancellation);

        response.GetOutputText().Should().Be(string.Concat(StubUpstream.ChatPieces));
        var received = gateway.Stub.LastRequestTo("/v1/responses");
        received.Authorization.Should().Be("Bearer " + GatewayFixture.UpstreamKey);
        received.Body.ContainsKey("stream_options").Should().BeFalse("the Responses API reports usage unasked; stream_options is chat's");
        AssertStubRow(await caller.SingleRequestLogAsync());
    }

    [Fact]
    public async Task CreateResponseStreaming_WhenAnOpenAIUpstreamServesTheModel_ShouldPassEveryDeltaAndRecordTheUsageOfResponseCompleted()
    {
        var caller = await gateway.NewCallerAsync();
        var deltas = new List<string>();

        await foreach (var update in await caller.OpenAI().GetResponsesClient().CreateResponseStreamingAsync(Streamed("gpt-resp-stub", "Hello stub"), Cancellation))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                deltas.Add(delta.Delta);
            }
        }

        deltas.Should().Equal(StubUpstream.ChatPieces);
        gateway.Stub.LastRequestTo("/v1/responses").Body.ContainsKey("stream_options").Should().BeFalse();
        AssertStubRow(await caller.SingleRequestLogAsync());
    }

    [Fact]
    public async Task CreateResponseStreaming_WhenTheUpstreamStallsMidStream_ShouldEndWithTheResponsesErrorEventAndRecord504()
    {
        var caller = await gateway.NewCallerAsync();
        var deltas = new List<string>();
        StreamingResponseErrorUpdate? failure = null;

        await foreach (var update in await caller.OpenAI().GetResponsesClient().CreateResponseStreamingAsync(Streamed("gpt-resp-stall", "Hello stub"), Cancellation))
        {
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    deltas.Add(delta.Delta);
                    break;
                case StreamingResponseErrorUpdate error:
                    failure = error;
                    break;
            }
        }

        deltas.Should().Equal(StubUpstream.ChatPieces);
        (failure!.Code, failure.Message).Should().Be(("upstream_timeout", $"The upstream 'stub-openai' sent nothing for {GatewayFixture.UpstreamTimeout} mid-answer (Gateway:UpstreamTimeout)."));
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.StatusCode, row.ModelName, row.Upstream).Should().Be(("/v1/responses", 504, "gpt-resp-stall", "stub-openai"));
    }

    [Fact]
    public async Task GetDeleteAndInputItems_ShouldBeForwardedToTheOpenAIUpstreamWithItsKey()
    {
        var caller = await gateway.NewCallerAsync();
        var client = caller.OpenAI().GetResponsesClient();

        ResponseResult stored = await client.GetResponseAsync(StubUpstream.StoredResponseId, Cancellation);
        var items = new List<ResponseItem>();
        await foreach (var item in client.GetResponseInputItemsAsync(StubUpstream.StoredResponseId, Cancellation))
        {
            items.Add(item);
        }

        ResponseDeletionResult deleted = await client.DeleteResponseAsync(StubUpstream.StoredResponseId, Cancellation);

        stored.Id.Should().Be(StubUpstream.StoredResponseId);
        stored.GetOutputText().Should().Be(string.Concat(StubUpstream.ChatPieces));
        items.Should().ContainSingle().Which.Should().BeAssignableTo<MessageResponseItem>().Which.Content[0].Text.Should().Be("Hello stub");
        (deleted.ResponseId, deleted.Deleted).Should().Be((StubUpstream.StoredResponseId, true));
        var forwarded = gateway.Stub.Received.Where(r => r.Path.StartsWith("/v1/responses/resp_stub", StringComparison.Ordinal)).ToList();
        forwarded.Select(r => (r.Method, r.Path)).Should().Equal(
            ("GET", "/v1/responses/resp_stub"), ("GET", "/v1/responses/resp_stub/input_items"), ("DELETE", "/v1/responses/resp_stub"));
        forwarded.Should().OnlyContain(r => r.Authorization == "Bearer " + GatewayFixture.UpstreamKey);
        var rows = await caller.RequestLogsAsync(3);
        rows.Select(r => (r.Method, r.Endpoint, r.StatusCode, r.Upstream)).Should().Equal(
            ("GET", "/v1/responses/{responseId}", 200, "stub-openai"),
            ("GET", "/v1/responses/{responseId}/input_items", 200, "stub-openai"),
            ("DELETE", "/v1/responses/{responseId}", 200, "stub-openai"));
    }

    [Fact]
    public async Task GetResponse_WhenTheUpstreamHasNoSuchResponse_ShouldRaiseTheSdksErrorWithTheUpstreamsMessage()
    {
        var caller = await gateway.NewCallerAsync();

        var act = () => caller.OpenAI().GetResponsesClient().GetResponseAsync("resp_missing", Cancellation);

        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;
        error.Status.Should().Be((int)HttpStatusCode.NotFound);
        error.Message.Should().Contain("Response with id 'resp_missing' not found.");
    }

    [Fact]
    public async Task CreateResponse_WhenNoUpstreamServesTheModel_ShouldRaiseTheSdksErrorWithModelNotFound()
    {
        var caller = await gateway.NewCallerAsync();

        var act = () => caller.OpenAI().GetResponsesClient().CreateResponseAsync("mystery-model", "Hello", cancellationToken: Cancellation);

        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;
        error.Status.Should().Be((int)HttpStatusCode.NotFound);
        error.Message.Should().Be(
            "HTTP 404 (invalid_request_error: model_not_found)\nParameter: model\n\nNo upstream serves the model 'mystery-model'. Add a pattern that matches it to the Models of an upstream in the Gateway:Upstreams configuration, or use a model listed by GET /v1/models.");
    }

    private static CreateResponseOptions Streamed(string model, string text)
    {
        var options = new CreateResponseOptions { Model = model, StreamingEnabled = true };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem(text));
        return options;
    }

    /// <summary>
    /// The stub's usage: 9,000 input tokens of which 4,000 cached, 1,500 output of which 600 reasoning; at $2 / $0.50 /
    /// $8 per million: 5,000 × 2 + 4,000 × 0.5 + 1,500 × 8 = 24,000 → $0.024.
    /// </summary>
    private static void AssertStubRow(RequestLog row)
    {
        (row.Endpoint, row.StatusCode, row.ModelName, row.Upstream).Should().Be(("/v1/responses", 200, "gpt-resp-stub", "stub-openai"));
        (row.PromptTokens, row.CompletionTokens, row.TotalTokens).Should().Be((9_000, 1_500, 10_500));
        (row.CachedInputTokens, row.ReasoningTokens, row.CacheCreationTokens).Should().Be((4_000, 600, null));
        row.CostUsd.Should().Be(0.024m);
    }
}
