using System.Net;
using System.Text;
using System.Text.Json;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace CleanDashboard.Gateway.IntegrationTests.Gateway;

/// <summary>
/// Requests forwarded to the stub upstream. Costs from the genai-prices catalog (provider openai): gpt-4o-mini $0.15 / $0.60,
/// text-embedding-3-small $0.02 / $0; from pricing.json: llama3.2 $0.06 / $0.06 per million tokens; exact, not rounded.
/// </summary>
public sealed class StubUpstreamTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const int StubChatTotalTokens = StubUpstream.ChatPromptTokens + StubUpstream.ChatCompletionTokens;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAIChat_WhenModelIsServedByOpenAIUpstream_ShouldForwardWithUpstreamKeyAndRecordUsage()
    {
        var caller = await gateway.NewCallerAsync();

        ChatCompletion completion = await caller.OpenAI().GetChatClient("gpt-4o-mini")
            .CompleteChatAsync([new UserChatMessage("Say hello")], cancellationToken: Cancellation);

        completion.Content.Single().Text.Should().Be("Hello from the stub upstream.");
        completion.Usage.InputTokenCount.Should().Be(12_000);
        completion.Usage.OutputTokenCount.Should().Be(3_400);

        var received = gateway.Stub.LastRequestTo("/v1/chat/completions");
        received.Authorization.Should().Be("Bearer " + GatewayFixture.UpstreamKey, "the gateway sends the upstream's key, never the client's");
        received.Body["model"]!.GetValue<string>().Should().Be("gpt-4o-mini");

        // 12,000 × 0.15 / 1M + 3,400 × 0.60 / 1M = 0.0018 + 0.00204 = 0.00384
        ShouldBeUpstreamRow(await caller.SingleRequestLogAsync(), caller, "/v1/chat/completions", "gpt-4o-mini", "stub-openai", 12_000, 3_400, 0.00384m); // (12,000 × 0.15 + 3,400 × 0.60) / 1e6, exact
    }

    [Fact]
    public async Task OpenAIStreamingChat_WhenModelIsServedByOpenAIUpstream_ShouldPassChunksThroughAndRecordUsageAndTtft()
    {
        var caller = await gateway.NewCallerAsync();
        var pieces = new List<string>();
        ChatTokenUsage? usage = null;

        await foreach (var update in caller.OpenAI().GetChatClient("gpt-4o-mini").CompleteChatStreamingAsync([new UserChatMessage("Say hello")], cancellationToken: Cancellation))
        {
            pieces.AddRange(update.ContentUpdate.Where(p => p.Text.Length > 0).Select(p => p.Text));
            usage = update.Usage ?? usage;
        }

        pieces.Should().Equal(StubUpstream.ChatPieces);
        usage!.TotalTokenCount.Should().Be(StubChatTotalTokens);
        ShouldBeUpstreamRow(await caller.SingleRequestLogAsync(), caller, "/v1/chat/completions", "gpt-4o-mini", "stub-openai", 12_000, 3_400, 0.00384m); // (12,000 × 0.15 + 3,400 × 0.60) / 1e6, exact
    }

    [Fact]
    public async Task RawStreamingChat_WhenClientDidNotAskForUsage_ShouldInjectIncludeUsageRecordItAndWithholdTheUsageChunk()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();
        const string body = """{"model":"gpt-4o-mini","stream":true,"temperature":0.25,"user":"raw-client","messages":[{"role":"user","content":"Say hello"}]}""";

        using var response = await http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);
        var events = await response.Content.ReadAsStringAsync(Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        events.Should().NotContain("\"choices\":[]", "the usage chunk was asked for by the gateway, not by the client").And.NotContain("\"usage\"");
        events.Should().Contain("\"content\":\"Hello\"").And.EndWith("\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");

        var forwarded = gateway.Stub.LastRequestTo("/v1/chat/completions").Body;
        forwarded["stream_options"]!["include_usage"]!.GetValue<bool>().Should().BeTrue();
        forwarded["temperature"]!.GetValue<double>().Should().Be(0.25);
        forwarded["user"]!.GetValue<string>().Should().Be("raw-client");
        forwarded["messages"]![0]!["content"]!.GetValue<string>().Should().Be("Say hello");

        ShouldBeUpstreamRow(await caller.SingleRequestLogAsync(), caller, "/v1/chat/completions", "gpt-4o-mini", "stub-openai", 12_000, 3_400, 0.00384m); // (12,000 × 0.15 + 3,400 × 0.60) / 1e6, exact
    }

    [Fact]
    public async Task OpenAIEmbeddings_WhenModelIsServedByOpenAIUpstream_ShouldReturnTheUpstreamVectorAndRecordPromptTokens()
    {
        var caller = await gateway.NewCallerAsync();

        OpenAIEmbedding embedding = await caller.OpenAI().GetEmbeddingClient("text-embedding-3-small")
            .GenerateEmbeddingAsync("some text", cancellationToken: Cancellation);

        embedding.ToFloats().ToArray().Should().Equal(StubUpstream.EmbeddingVector);
        var row = await caller.SingleRequestLogAsync();
        row.Endpoint.Should().Be("/v1/embeddings");
        row.ModelName.Should().Be("text-embedding-3-small");
        row.PromptTokens.Should().Be(5_000);
        row.CompletionTokens.Should().BeNull();
        row.TotalTokens.Should().Be(5_000);
        row.CostUsd.Should().Be(0.0001m, "5,000 × 0.02 / 1M");
        row.Upstream.Should().Be("stub-openai");
    }

    [Fact]
    public async Task OpenAIChat_WhenModelIsServedByOllamaUpstream_ShouldUseItsOpenAICompatiblePath()
    {
        var caller = await gateway.NewCallerAsync();

        ChatCompletion completion = await caller.OpenAI().GetChatClient("llama3.2")
            .CompleteChatAsync([new UserChatMessage("Say hello")], cancellationToken: Cancellation);

        completion.Content.Single().Text.Should().Be("Hello from the stub upstream.");
        gateway.Stub.LastRequestTo("/v1/chat/completions").Body["model"]!.GetValue<string>().Should().Be("llama3.2");

        // 15,400 × 0.06 / 1M = 0.000924 → 0.0009
        ShouldBeUpstreamRow(await caller.SingleRequestLogAsync(), caller, "/v1/chat/completions", "llama3.2", "stub-ollama", 12_000, 3_400, 0.000924m); // 15,400 × 0.06 / 1e6, exact
    }

    [Fact]
    public async Task OllamaStreamingChat_WhenModelIsServedByOllamaUpstream_ShouldPassNdjsonThroughWithoutTheClientKey()
    {
        var caller = await gateway.NewCallerAsync();
        using var ollama = caller.Ollama();
        var pieces = new List<string>();
        ChatDoneResponseStream? done = null;

        await foreach (var chunk in ollama.ChatAsync(new ChatRequest { Model = "llama3.2", Messages = [new Message(ChatRole.User, "Say hi")] }, Cancellation))
        {
            if (chunk is ChatDoneResponseStream last)
            {
                done = last;
            }
            else
            {
                pieces.Add(chunk!.Message.Content!);
            }
        }

        pieces.Should().Equal(StubUpstream.OllamaChatPieces);
        done!.PromptEvalCount.Should().Be(26_000);
        done.EvalCount.Should().Be(14_000);
        gateway.Stub.LastRequestTo("/api/chat").Authorization.Should().BeEmpty("stub-ollama has no upstream key and the client's key is never forwarded");

        // 40,000 × 0.06 / 1M = 0.0024
        ShouldBeUpstreamRow(await caller.SingleRequestLogAsync(), caller, "/ollama/api/chat", "llama3.2", "stub-ollama", 26_000, 14_000, 0.0024m);
    }

    [Fact]
    public async Task OllamaStreamingGenerate_WhenModelIsServedByOllamaUpstream_ShouldRecordEvalCounts()
    {
        var caller = await gateway.NewCallerAsync();
        using var ollama = caller.Ollama();
        var text = new StringBuilder();
        GenerateDoneResponseStream? done = null;

        await foreach (var chunk in ollama.GenerateAsync(new GenerateRequest { Model = "llama3.2", Prompt = "Why is the sky blue?" }, Cancellation))
        {
            text.Append(chunk?.Response);
            done = chunk as GenerateDoneResponseStream ?? done;
        }

        text.ToString().Should().Be("Sky is blue.");
        done!.EvalCount.Should().Be(20_000);

        // 50,000 × 0.06 / 1M = 0.003
        ShouldBeUpstreamRow(await caller.SingleRequestLogAsync(), caller, "/ollama/api/generate", "llama3.2", "stub-ollama", 30_000, 20_000, 0.003m);
    }

    [Fact]
    public async Task OllamaListModels_ShouldListDemoEchoAndTheOllamaUpstreamsRoutableModels()
    {
        var caller = await gateway.NewCallerAsync();
        using var ollama = caller.Ollama();

        var models = (await ollama.ListLocalModelsAsync(Cancellation)).ToList();

        models.Select(m => m.Name).Should().Equal("demo-echo", "llama3.2:latest");
        models[1].Size.Should().Be(2019393189, "the upstream's own entry is passed on");
    }

    [Fact]
    public async Task OllamaChat_WhenModelIsServedByAnOpenAIUpstream_ShouldBe400NamingModel()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync("ollama/api/chat", new StringContent("""{"model":"gpt-4o-mini","messages":[]}""", Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        error.RootElement.GetProperty("error").GetString().Should().Be(
            "The model 'gpt-4o-mini' is served by the upstream 'stub-openai', which speaks the OpenAI API: call it through that API's routes, not this Ollama route.");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(400);
        row.Endpoint.Should().Be("/ollama/api/chat");
    }

    private void ShouldBeUpstreamRow(RequestLog row, GatewayCaller caller, string endpoint, string model, string upstream, int prompt, int completion, decimal cost)
    {
        row.Endpoint.Should().Be(endpoint);
        row.Method.Should().Be("POST");
        row.StatusCode.Should().Be(200);
        row.ModelName.Should().Be(model);
        row.PromptTokens.Should().Be(prompt);
        row.CompletionTokens.Should().Be(completion);
        row.TotalTokens.Should().Be(prompt + completion);
        row.CostUsd.Should().Be(cost);
        row.TtftMs.Should().NotBeNull().And.BeGreaterThan(0).And.BeLessThanOrEqualTo(row.LatencyMs);
        row.Upstream.Should().Be(upstream);
        row.UserId.Should().Be(gateway.MemberId);
        row.ApiKeyId.Should().Be(caller.KeyId);
    }
}
