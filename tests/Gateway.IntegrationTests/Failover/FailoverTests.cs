using System.Net;
using System.Text;
using System.Text.Json;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace CleanDashboard.Gateway.IntegrationTests.Failover;

/// <summary>
/// Model routes over real loopback stubs: a request fails over before the first byte and is still one request log (the
/// upstream that answered), with one attempt row per upstream that failed before it.
/// </summary>
public sealed class FailoverTests(FailoverFixture gateway) : IClassFixture<FailoverFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("refused-model", "refusing", null, UpstreamAttemptFailures.ConnectionFailed)]
    [InlineData("unavailable-model", "unavailable", 503, UpstreamAttemptFailures.Status)]
    [InlineData("throttled-model", "throttled", 429, UpstreamAttemptFailures.Status)]
    public async Task Chat_WhenTheFirstUpstreamFails_ShouldAnswerFromTheNextAndRecordTheFailedAttempt(string model, string failing, int? status, string failure)
    {
        var caller = await gateway.NewCallerAsync();

        var completion = await caller.OpenAI().GetChatClient(model).CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancellation);

        completion.Value.Content[0].Text.Should().Be(string.Concat(StubUpstream.ChatPieces));
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(200);
        row.Upstream.Should().Be("answering");
        row.ModelName.Should().Be(model);
        row.PromptTokens.Should().Be(StubUpstream.ChatPromptTokens);
        var attempt = (await gateway.AttemptsOfAsync(row.Id)).Should().ContainSingle().Which;
        attempt.Attempt.Should().Be(1);
        attempt.Upstream.Should().Be(failing);
        attempt.StatusCode.Should().Be(status);
        attempt.Failure.Should().Be(failure);
        attempt.CreatedAt.Should().Be(row.CreatedAt);
        gateway.Healthy.Received.Count(r => r.Body["model"]!.GetValue<string>() == model).Should().Be(1);

        using var admin = gateway.HttpClient(GatewayFixture.AdminKey);
        using var listed = JsonDocument.Parse(await admin.GetStringAsync($"api/admin/request-logs/{row.Id}/upstream-attempts", Cancellation));
        var only = listed.RootElement.EnumerateArray().Should().ContainSingle().Which;
        only.GetProperty("attempt").GetInt32().Should().Be(1);
        only.GetProperty("upstream").GetString().Should().Be(failing);
        (only.GetProperty("statusCode").ValueKind == JsonValueKind.Null ? (int?)null : only.GetProperty("statusCode").GetInt32()).Should().Be(status);
        only.GetProperty("failure").GetString().Should().Be(failure);
        only.GetProperty("latencyMs").GetDouble().Should().Be(attempt.LatencyMs);
    }

    [Fact]
    public async Task UpstreamAttempts_WhenTheRequestLogDoesNotExist_ShouldBe404()
    {
        using var admin = gateway.HttpClient(GatewayFixture.AdminKey);

        using var response = await admin.GetAsync("api/admin/request-logs/987654321/upstream-attempts", Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Chat_WhenTheFirstUpstreamIsSlowerThanTheTimeout_ShouldAnswerFromTheNextAndRecordTheTimeout()
    {
        var caller = await gateway.NewCallerAsync();

        var completion = await caller.OpenAI().GetChatClient("timeout-pool-model").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancellation);

        completion.Value.Content[0].Text.Should().Be(string.Concat(StubUpstream.ChatPieces));
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(200);
        row.Upstream.Should().Be("answering");
        var attempt = (await gateway.AttemptsOfAsync(row.Id)).Should().ContainSingle().Which;
        attempt.Upstream.Should().Be("slow");
        attempt.StatusCode.Should().BeNull();
        attempt.Failure.Should().Be(UpstreamAttemptFailures.Timeout);
        // .NET timers run on Environment.TickCount64, which on Linux is the coarse monotonic clock: it advances one kernel
        // tick at a time (4 ms at this machine's CONFIG_HZ=250), so a timeout can fire up to a tick before a Stopwatch shows
        // it (CI saw 4,999.3 and 4,998.4 ms for 5,000).
        attempt.LatencyMs.Should().BeGreaterThanOrEqualTo(FailoverFixture.FailoverUpstreamTimeout.TotalMilliseconds - 4);
        gateway.Slow.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task Chat_WhenOneOfTwoUpstreamsIsDown_ShouldKeepAnsweringAndOpenItsCircuitAfterThreeFailures()
    {
        var caller = await gateway.NewCallerAsync();
        var chat = caller.OpenAI().GetChatClient("keeps-answering");
        const int Requests = 8;

        for (var i = 0; i < Requests; i++)
        {
            var completion = await chat.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancellation);
            completion.Value.Content[0].Text.Should().Be(string.Concat(StubUpstream.ChatPieces));
        }

        var rows = await caller.RequestLogsAsync(Requests);
        rows.Should().HaveCount(Requests, "a request that failed over is still one request");
        rows.Should().OnlyContain(r => r.StatusCode == 200 && r.Upstream == "answering");
        var attempts = new List<(int Request, string Upstream, string Failure, int? Status)>();
        for (var i = 0; i < rows.Count; i++)
        {
            attempts.AddRange((await gateway.AttemptsOfAsync(rows[i].Id)).Select(a => (i, a.Upstream, a.Failure, a.StatusCode)));
        }

        // Equal weights alternate "down", "answering"; after its third failure "down" is skipped without a try.
        const string Refused = UpstreamAttemptFailures.ConnectionFailed;
        attempts.Should().Equal((0, "down", Refused, (int?)null), (2, "down", Refused, (int?)null), (4, "down", Refused, (int?)null));
        var upstreams = await UpstreamsHealthAsync();
        upstreams.GetProperty("status").GetString().Should().Be("degraded");
        upstreams.GetProperty("detail").GetString().Should().Contain("down (open)");
    }

    [Fact]
    public async Task StreamingChat_WhenTheUpstreamFailsAfterTheFirstByte_ShouldNotRetryAndEndWithAnErrorEvent()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync(
            "v1/chat/completions", new StringContent("""{"model":"midstream-model","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"), Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the status line went out with the first chunk");
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events.Should().HaveCount(3, "the role chunk, the first piece, then the error event");
        events[1].Should().Contain("\"content\":\"Hello\"");
        using var error = JsonDocument.Parse(events[2]["data: ".Length..]);
        error.RootElement.GetProperty("error").GetProperty("code").GetString().Should().Be("upstream_timeout");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(504);
        row.Upstream.Should().Be("stalling");
        (await gateway.AttemptsOfAsync(row.Id)).Should().BeEmpty();
        gateway.Stalling.Received.Should().ContainSingle();
        gateway.Healthy.Received.Should().NotContain(r => r.Body["model"]!.GetValue<string>() == "midstream-model", "a byte had reached the client");
    }

    [Fact]
    public async Task Chat_WhenARouteHasWeightsThreeAndOne_ShouldSendThreeOfEveryFourRequestsToTheHeavierInterleaved()
    {
        var caller = await gateway.NewCallerAsync();
        var chat = caller.OpenAI().GetChatClient("weighted-model");
        const int Requests = 8;

        for (var i = 0; i < Requests; i++)
        {
            await chat.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancellation);
        }

        var rows = await caller.RequestLogsAsync(Requests);
        rows.Select(r => r.Upstream).Should().Equal("heavy", "heavy", "light", "heavy", "heavy", "heavy", "light", "heavy");
    }

    private async Task<JsonElement> UpstreamsHealthAsync()
    {
        using var http = gateway.HttpClient(apiKey: null);
        using var document = JsonDocument.Parse(await http.GetStringAsync("api/dashboard/health", Cancellation));
        return document.RootElement.GetProperty("checks").GetProperty("upstreams").Clone();
    }
}
