using System.Text;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using OllamaSharp.Models.Chat;
using OpenAI.Chat;

namespace CleanDashboard.Gateway.IntegrationTests.Gateway;

/// <summary>Gateway traffic from real clients, as the dashboard shows it. This class has its own database, so every row is one of its requests.</summary>
public sealed class GatewayDashboardTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_AfterGatewayTraffic_ShouldCountEveryRequestWithItsTokensAndCost()
    {
        var caller = await gateway.NewCallerAsync();
        var openAI = caller.OpenAI();

        // demo-echo: 10 prompt + 6 completion words → 0.01 + 0.012 = 0.022
        await openAI.GetChatClient("demo-echo").CompleteChatAsync(
            [new SystemChatMessage("You are a terse assistant."), new UserChatMessage("Tell me about the gateway")], cancellationToken: Cancellation);

        // demo-echo streamed: 4 + 5 → 0.004 + 0.010 = 0.014
        var streamed = new StringBuilder();
        await foreach (var update in openAI.GetChatClient("demo-echo").CompleteChatStreamingAsync([new UserChatMessage("Stream these four words")], cancellationToken: Cancellation))
        {
            streamed.AppendJoin(string.Empty, update.ContentUpdate.Select(part => part.Text));
        }

        streamed.ToString().Should().Be("Echo: Stream these four words");

        // stub gpt-4o-mini: 12,000 + 3,400 → 0.0018 + 0.00204 = 0.00384 (stored exactly, no longer rounded to 0.0038)
        await openAI.GetChatClient("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Say hello")], cancellationToken: Cancellation);

        // unknown model: 404, no tokens, no cost
        using (var http = caller.Http())
        {
            using var notFound = await http.PostAsync("v1/chat/completions", new StringContent("""{"model":"no-such-model","messages":[]}""", Encoding.UTF8, "application/json"), Cancellation);
            ((int)notFound.StatusCode).Should().Be(404);
        }

        // stub llama3.2 through OllamaSharp: 26,000 + 14,000 → 0.0024
        using (var ollama = caller.Ollama())
        {
            await foreach (var chunk in ollama.ChatAsync(new ChatRequest { Model = "llama3.2", Messages = [new Message(ChatRole.User, "Say hi")] }, Cancellation))
            {
                chunk.Should().NotBeNull();
            }
        }

        // Each check is one line of text, so a failure's first line (all CI's summary shows) holds what was found.
        var logs = await gateway.RequestLogsAsync(r => true, expected: 5);
        string.Join(", ", logs.Select(r => $"{r.ModelName} {r.StatusCode}").Order(StringComparer.Ordinal)).Should()
            .Be("demo-echo 200, demo-echo 200, gpt-4o-mini 200, llama3.2 200, no-such-model 404");
        var dashboard = await gateway.DashboardAsync("24h");

        var summary = dashboard.GetProperty("summary");
        summary.GetProperty("totalRequests").GetInt64().Should().Be(5);
        summary.GetProperty("successfulRequests").GetInt64().Should().Be(4);
        summary.GetProperty("totalTokens").GetInt64().Should().Be(16 + 9 + 15_400 + 40_000);
        summary.GetProperty("totalCost").GetDecimal().Should().Be(0.04224m);
        summary.GetProperty("avgTokensPerRequest").GetDouble().Should().Be(13_856.25, "55,425 tokens over the 4 requests that carry tokens");
        summary.GetProperty("avgCostPerRequest").GetDecimal().Should().Be(0.01056m, "0.04224 over 4 priced requests");

        dashboard.GetProperty("topModels").EnumerateArray()
            .Select(m => (m.GetProperty("name").GetString(), m.GetProperty("requests").GetInt64()))
            .Should().Equal(("demo-echo", 2L), ("gpt-4o-mini", 1L), ("llama3.2", 1L), ("no-such-model", 1L));
        dashboard.GetProperty("errorsBreakdown").GetRawText().Should().Be("""[{"label":"404","value":1}]""");
        dashboard.GetProperty("requests").EnumerateArray().Sum(p => p.GetProperty("success").GetInt64()).Should().Be(4);
        dashboard.GetProperty("costs").EnumerateArray().Sum(p => p.GetProperty("cost").GetDecimal()).Should().Be(0.04224m);

        var users = dashboard.GetProperty("users");
        users.GetProperty("activeUsers").GetInt64().Should().Be(1);
        users.GetProperty("totalSessions").GetInt64().Should().Be(1);
        users.GetProperty("avgSessionRequests").GetDouble().Should().Be(5);
    }
}
