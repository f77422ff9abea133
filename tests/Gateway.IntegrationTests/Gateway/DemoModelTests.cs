using System.Text;
using CleanDashboard.Application.Gateway.DemoModel;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace CleanDashboard.Gateway.IntegrationTests.Gateway;

/// <summary>The built-in demo-echo model through the official OpenAI SDK and OllamaSharp; priced at $1,000 in / $2,000 out per million tokens here.</summary>
public sealed class DemoModelTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAIChat_WhenModelIsDemoEcho_ShouldEchoAndRecordWordCountsAndCost()
    {
        var caller = await gateway.NewCallerAsync();
        var chat = caller.OpenAI().GetChatClient("demo-echo");

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new SystemChatMessage("You are a terse assistant."), new UserChatMessage("Tell me about the gateway")],
            cancellationToken: Cancellation);

        completion.Content.Single().Text.Should().Be("Echo: Tell me about the gateway");
        completion.Model.Should().Be("demo-echo");
        completion.FinishReason.Should().Be(ChatFinishReason.Stop);
        completion.Usage.InputTokenCount.Should().Be(10);
        completion.Usage.OutputTokenCount.Should().Be(6);
        completion.Usage.TotalTokenCount.Should().Be(16);

        var row = await caller.SingleRequestLogAsync();
        ShouldBeDemoRow(row, caller, "/v1/chat/completions", prompt: 10, completion: 6, cost: 0.022m);
    }

    [Fact]
    public async Task OpenAIStreamingChat_WhenModelIsDemoEcho_ShouldStreamWordsAndRecordUsageAndTtft()
    {
        var caller = await gateway.NewCallerAsync();
        var chat = caller.OpenAI().GetChatClient("demo-echo");
        var text = new StringBuilder();
        var contentUpdates = 0;
        ChatTokenUsage? usage = null;

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Stream these four words")], cancellationToken: Cancellation))
        {
            foreach (var part in update.ContentUpdate.Where(p => p.Text.Length > 0))
            {
                text.Append(part.Text);
                contentUpdates++;
            }

            usage = update.Usage ?? usage;
        }

        text.ToString().Should().Be("Echo: Stream these four words");
        contentUpdates.Should().Be(5, "each word arrives as its own chunk, after the role chunk with empty content");
        usage.Should().NotBeNull();
        usage!.InputTokenCount.Should().Be(4);
        usage.OutputTokenCount.Should().Be(5);
        usage.TotalTokenCount.Should().Be(9);

        var row = await caller.SingleRequestLogAsync();
        ShouldBeDemoRow(row, caller, "/v1/chat/completions", prompt: 4, completion: 5, cost: 0.014m);
    }

    [Fact]
    public async Task OpenAIEmbeddings_WhenModelIsDemoEcho_ShouldReturnTheDeterministicUnitVector()
    {
        var caller = await gateway.NewCallerAsync();
        var embeddings = caller.OpenAI().GetEmbeddingClient("demo-echo");

        OpenAIEmbedding embedding = await embeddings.GenerateEmbeddingAsync("embed these three", cancellationToken: Cancellation);

        var vector = embedding.ToFloats().ToArray();
        vector.Should().HaveCount(DemoEcho.DefaultDimensions);
        vector.Should().Equal(DemoEcho.Vector("embed these three", DemoEcho.DefaultDimensions));
        Math.Sqrt(vector.Sum(v => (double)v * v)).Should().BeApproximately(1.0, 1e-6);

        var row = await caller.SingleRequestLogAsync();
        row.Endpoint.Should().Be("/v1/embeddings");
        row.ModelName.Should().Be("demo-echo");
        row.PromptTokens.Should().Be(3);
        row.CompletionTokens.Should().BeNull();
        row.TotalTokens.Should().Be(3);
        row.CostUsd.Should().Be(0.003m);
        row.Upstream.Should().Be("demo");
        row.UserId.Should().Be(gateway.MemberId);
    }

    [Fact]
    public async Task OpenAIListModels_ShouldListDemoEchoFirstThenTheRoutableModelsOfEachUpstream()
    {
        var caller = await gateway.NewCallerAsync();

        var models = await caller.OpenAI().GetOpenAIModelClient().GetModelsAsync(Cancellation);

        // other-model (stub-openai), qwen2:0.5b (stub-ollama) and not-routed (stub-anthropic) match no pattern of theirs;
        // "offline" cannot be asked and has no literal pattern.
        models.Value.Select(m => m.Id).Should().Equal("demo-echo", "gpt-4o-mini", "text-embedding-3-small", "slow-model", "llama3.2:latest", "claude-stub");
        models.Value.Single(m => m.Id == "claude-stub").OwnedBy.Should().Be("stub-anthropic");
        models.Value.Single(m => m.Id == "claude-stub").CreatedAt.Should().Be(new DateTimeOffset(2026, 2, 19, 0, 0, 0, TimeSpan.Zero));
        models.Value.Single(m => m.Id == "gpt-4o-mini").OwnedBy.Should().Be("stub-openai");
        models.Value.Single(m => m.Id == "gpt-4o-mini").CreatedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1721172741));

        var row = await caller.SingleRequestLogAsync();
        row.Endpoint.Should().Be("/v1/models");
        row.StatusCode.Should().Be(200);
        row.ModelName.Should().BeEmpty();
        row.Upstream.Should().BeNull();
    }

    [Fact]
    public async Task OllamaStreamingChat_WhenModelIsDemoEcho_ShouldStreamNdjsonAndRecordEvalCounts()
    {
        var caller = await gateway.NewCallerAsync();
        using var ollama = caller.Ollama();
        var text = new StringBuilder();
        ChatDoneResponseStream? done = null;

        var request = new ChatRequest { Model = "demo-echo", Messages = [new Message(ChatRole.User, "Hello from Ollama client")] };
        await foreach (var chunk in ollama.ChatAsync(request, Cancellation))
        {
            text.Append(chunk?.Message.Content);
            done = chunk as ChatDoneResponseStream ?? done;
        }

        text.ToString().Should().Be("Echo: Hello from Ollama client");
        done.Should().NotBeNull();
        done!.PromptEvalCount.Should().Be(4);
        done.EvalCount.Should().Be(5);
        done.DoneReason.Should().Be("stop");

        var row = await caller.SingleRequestLogAsync();
        ShouldBeDemoRow(row, caller, "/ollama/api/chat", prompt: 4, completion: 5, cost: 0.014m);
    }

    [Fact]
    public async Task OllamaStreamingGenerate_WhenModelIsDemoEcho_ShouldStreamNdjsonAndRecordEvalCounts()
    {
        var caller = await gateway.NewCallerAsync();
        using var ollama = caller.Ollama();
        var text = new StringBuilder();
        GenerateDoneResponseStream? done = null;

        await foreach (var chunk in ollama.GenerateAsync(new GenerateRequest { Model = "demo-echo", Prompt = "Why is the sky blue" }, Cancellation))
        {
            text.Append(chunk?.Response);
            done = chunk as GenerateDoneResponseStream ?? done;
        }

        text.ToString().Should().Be("Echo: Why is the sky blue");
        done.Should().NotBeNull();
        done!.PromptEvalCount.Should().Be(5);
        done.EvalCount.Should().Be(6);

        var row = await caller.SingleRequestLogAsync();
        ShouldBeDemoRow(row, caller, "/ollama/api/generate", prompt: 5, completion: 6, cost: 0.017m);
    }

    [Fact]
    public async Task Completions_WhenModelIsDemoEchoAndStreamed_ShouldSendTextChunksThenDoneAndRecordTheUsage()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();
        const string body = """{"model":"demo-echo","prompt":"Once upon a time","stream":true}""";

        using var response = await http.PostAsync("v1/completions", new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);
        var events = (await response.Content.ReadAsStringAsync(Cancellation)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var chunks = events[..^1].Select(e => System.Text.Json.JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        string.Concat(chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray()).Select(c => c.GetProperty("text").GetString()))
            .Should().Be("Echo: Once upon a time");
        chunks.Where(c => c.TryGetProperty("usage", out var usage)).Should().BeEmpty("the client did not ask for the usage chunk: the gateway records it and keeps it back");
        events[^1].Should().Be("data: [DONE]");

        var row = await caller.SingleRequestLogAsync();
        ShouldBeDemoRow(row, caller, "/v1/completions", prompt: 4, completion: 5, cost: 0.014m);
    }

    [Fact]
    public async Task OllamaEmbed_WhenModelIsDemoEcho_ShouldReturnOneVectorPerInputAndRecordPromptEvalCount()
    {
        var caller = await gateway.NewCallerAsync();
        using var ollama = caller.Ollama();

        var response = await ollama.EmbedAsync(new EmbedRequest { Model = "demo-echo", Input = ["first text here", "second"] }, Cancellation);

        response.Embeddings.Should().HaveCount(2);
        response.Embeddings[0].Should().Equal(DemoEcho.Vector("first text here", DemoEcho.DefaultDimensions));
        response.Embeddings[1].Should().Equal(DemoEcho.Vector("second", DemoEcho.DefaultDimensions));
        response.PromptEvalCount.Should().Be(4);

        var row = await caller.SingleRequestLogAsync();
        row.Endpoint.Should().Be("/ollama/api/embed");
        row.PromptTokens.Should().Be(4);
        row.CompletionTokens.Should().BeNull();
        row.TotalTokens.Should().Be(4);
        row.CostUsd.Should().Be(0.004m);
        row.Upstream.Should().Be("demo");
    }

    private void ShouldBeDemoRow(RequestLog row, GatewayCaller caller, string endpoint, int prompt, int completion, decimal cost)
    {
        row.Endpoint.Should().Be(endpoint);
        row.Method.Should().Be("POST");
        row.StatusCode.Should().Be(200);
        row.ModelName.Should().Be("demo-echo");
        row.PromptTokens.Should().Be(prompt);
        row.CompletionTokens.Should().Be(completion);
        row.TotalTokens.Should().Be(prompt + completion);
        row.CostUsd.Should().Be(cost);
        row.TtftMs.Should().NotBeNull().And.BeGreaterThan(0).And.BeLessThanOrEqualTo(row.LatencyMs);
        row.Upstream.Should().Be("demo");
        row.UserId.Should().Be(gateway.MemberId);
        row.ApiKeyId.Should().Be(caller.KeyId);
    }
}
