using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace CleanDashboard.Gateway.IntegrationTests.Streams;

/// <summary>Streams that end before their last event: the client hangs up (499), or the upstream stalls past Gateway:UpstreamTimeout (504).</summary>
public sealed class StreamEndTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StreamingChat_WhenClientHangsUpBeforeTheUsageChunk_ShouldBe499WithTokensCountedFromTheTextSoFar()
    {
        var caller = await gateway.NewCallerAsync();

        // No draining of the rest of the answer on dispose: leaving the loop closes the connection, as a client that goes away does.
        using var transport = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 });
        var chat = caller.OpenAI(transport).GetChatClient("drip-model");
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Count slowly")], cancellationToken: Cancellation))
        {
            if (update.ContentUpdate.Any(p => p.Text.Length > 0))
            {
                update.ContentUpdate[0].Text.Should().Be("drip1 ");
                break;
            }
        }

        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(499);
        row.ModelName.Should().Be("drip-model");
        // drip-model is no OpenAI family the tokenizer knows: cl100k_base. "Count slowly" is "Count" + " slowly"; "drip1 " is "dr" + "ip" + "1" + " ".
        row.PromptTokens.Should().Be(ModelTokenizer.CountTokens("drip-model", "Count slowly")).And.Be(2);
        row.CompletionTokens.Should().Be(ModelTokenizer.CountTokens("drip-model", "drip1 "));
        row.TotalTokens.Should().Be(row.PromptTokens + row.CompletionTokens);
        row.UsageEstimated.Should().BeTrue();

        // The stub's stream ends one way or the other: written to the end to a gateway that kept reading, or cut off.
        var finished = await gateway.Stub.NextDripStreamEndAsync(Cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        finished.Should().BeFalse("the gateway stops reading the upstream once the client is gone");
    }

    [Fact]
    public async Task DemoStream_WhenClientHangsUpEarly_ShouldBe499AndNeverTheWholeAnswer()
    {
        var caller = await gateway.NewCallerAsync();
        var words = string.Join(' ', Enumerable.Repeat("a", 30_000));
        using var transport = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = gateway.BaseAddress };
        transport.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", caller.Key);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Json($$"""{"model":"demo-echo","stream":true,"messages":[{"role":"user","content":"{{words}}"}]}""") })
        using (var response = await transport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation))
        {
            await using var body = await response.Content.ReadAsStreamAsync(Cancellation);
            _ = await body.ReadAsync(new byte[4096], Cancellation);
        }

        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(499);
        row.CompletionTokens.Should().BeInRange(1, 30_000, "the 30,001-word answer was not delivered");
        row.UsageEstimated.Should().BeTrue("the usage event at the end was never sent");
    }

    [Fact]
    public async Task StreamingChat_WhenUpstreamStallsMidStream_ShouldEndWithAnErrorEventAndRecord504()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync("v1/chat/completions", Json("""{"model":"stall-model","stream":true,"messages":[{"role":"user","content":"hi"}]}"""), Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the status line went out with the first chunk");
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events.Should().HaveCount(1 + StubUpstream.ChatPieces.Length + 1, "the role chunk, the pieces, then the error event");
        events[^1].Should().StartWith("data: ");
        using var error = JsonDocument.Parse(events[^1]["data: ".Length..]);
        error.RootElement.GetProperty("error").GetProperty("code").GetString().Should().Be("upstream_timeout");
        error.RootElement.GetProperty("error").GetProperty("type").GetString().Should().Be("server_error");
        error.RootElement.GetProperty("error").GetProperty("message").GetString().Should().Contain("Gateway:UpstreamTimeout");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(504);
        row.CompletionTokens.Should().Be(ModelTokenizer.CountTokens("stall-model", string.Concat(StubUpstream.ChatPieces)));
        row.UsageEstimated.Should().BeTrue();
    }

    [Fact]
    public async Task OllamaChat_WhenUpstreamStallsMidStream_ShouldEndWithAnErrorLineAndRecord504()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync("ollama/api/chat", Json("""{"model":"llama3.2-stall","messages":[{"role":"user","content":"hi"}]}"""), Cancellation);
        var lines = (await response.Content.ReadAsStringAsync(Cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.Should().HaveCount(StubUpstream.OllamaChatPieces.Length + 1);
        using var error = JsonDocument.Parse(lines[^1]);
        error.RootElement.GetProperty("error").GetString().Should().Contain("'stub-ollama'").And.Contain("Gateway:UpstreamTimeout");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(504);
        row.Upstream.Should().Be("stub-ollama");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
