using System.Text;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace CleanDashboard.Gateway.IntegrationTests.Streams;

/// <summary>The usage chunk reaches the client only when the client asked for it; the request log has the tokens either way.</summary>
public sealed class StreamUsageTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAISdkStreaming_WhenItAsksForUsage_ShouldReceiveTheUsageChunkAndTheRowHasTheTokens()
    {
        var caller = await gateway.NewCallerAsync();
        var updates = new List<StreamingChatCompletionUpdate>();

        await foreach (var update in caller.OpenAI().GetChatClient("gpt-4o-mini").CompleteChatStreamingAsync([new UserChatMessage("Say hello")], cancellationToken: Cancellation))
        {
            updates.Add(update);
        }

        gateway.Stub.Received.Last(r => r.Body["messages"]![0]!["content"]!.GetValue<string>() == "Say hello" && r.Body["stream"] is not null)
            .Body["stream_options"]!["include_usage"]!.GetValue<bool>().Should().BeTrue("the SDK itself asks for stream usage");
        string.Concat(updates.SelectMany(u => u.ContentUpdate).Select(p => p.Text)).Should().Be(string.Concat(StubUpstream.ChatPieces));
        var usage = updates.Single(u => u.Usage is not null).Usage;
        usage.InputTokenCount.Should().Be(StubUpstream.ChatPromptTokens);
        usage.OutputTokenCount.Should().Be(StubUpstream.ChatCompletionTokens);
        var row = await caller.SingleRequestLogAsync();
        row.PromptTokens.Should().Be(12_000);
        row.CompletionTokens.Should().Be(3_400);
    }

    [Theory]
    [InlineData("gpt-4o-mini", ""","stream_options":{"include_usage":false}""", 12_000, 3_400)]
    [InlineData("gpt-4o-mini", "", 12_000, 3_400)]
    [InlineData("demo-echo", ""","stream_options":{"include_usage":false}""", 2, 3)]
    public async Task RawStreaming_WhenClientDidNotAskForUsage_ShouldGetNoEmptyChoicesChunkAndTheRowHasTheTokens(string model, string streamOptions, int prompt, int completion)
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync(
            "v1/chat/completions",
            new StringContent($$"""{"model":"{{model}}","stream":true{{streamOptions}},"messages":[{"role":"user","content":"Say hello"}]}""", Encoding.UTF8, "application/json"),
            Cancellation);
        var events = (await response.Content.ReadAsStringAsync(Cancellation)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        events[^1].Should().Be("data: [DONE]");
        foreach (var chunk in events[..^1])
        {
            using var json = System.Text.Json.JsonDocument.Parse(chunk["data: ".Length..]);
            json.RootElement.GetProperty("choices").GetArrayLength().Should().Be(1, "every chunk the client gets has its choice: chunk.choices[0].delta must not throw");
            json.RootElement.TryGetProperty("usage", out var usage).Should().BeFalse(usage.ToString());
        }

        var row = await caller.SingleRequestLogAsync();
        row.PromptTokens.Should().Be(prompt);
        row.CompletionTokens.Should().Be(completion);
        row.UsageEstimated.Should().BeFalse("the usage was reported, then kept from the client");
    }
}
