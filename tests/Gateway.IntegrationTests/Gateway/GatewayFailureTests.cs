using System.Net;
using System.Text;
using System.Text.Json;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace CleanDashboard.Gateway.IntegrationTests.Gateway;

/// <summary>Every failure is an error in the route's protocol (OpenAI's error object on /v1/) and still one request log with its status.</summary>
public sealed class GatewayFailureTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_WhenUpstreamIsUnreachable_ShouldBe502AndRecorded()
    {
        var caller = await gateway.NewCallerAsync();

        using var response = await PostChatAsync(caller, """{"model":"offline-model","messages":[{"role":"user","content":"hi"}]}""");

        var error = await OpenAIErrorAsync(response, HttpStatusCode.BadGateway);
        error.GetProperty("message").GetString().Should().Contain("'offline'");
        error.GetProperty("type").GetString().Should().Be("server_error");
        error.GetProperty("code").GetString().Should().Be("upstream_unavailable");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(502);
        row.ModelName.Should().Be("offline-model");
        row.Upstream.Should().Be("offline");
        row.PromptTokens.Should().BeNull();
        row.CostUsd.Should().BeNull();
        row.UserId.Should().Be(gateway.MemberId);
    }

    [Fact]
    public async Task OpenAIChat_WhenUpstreamAnswersWithAnError_ShouldPassItThroughAndRecordItsStatus()
    {
        var caller = await gateway.NewCallerAsync();

        var act = () => caller.OpenAI().GetChatClient("fail-model").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancellation);

        var failure = (await act.Should().ThrowAsync<System.ClientModel.ClientResultException>()).Which;
        failure.Status.Should().Be(503);
        failure.Message.Should().Contain(StubUpstream.FailureMessage, "the upstream's own error document reaches the client unchanged");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(503);
        row.ModelName.Should().Be("fail-model");
        row.Upstream.Should().Be("stub-openai");
        row.PromptTokens.Should().BeNull();
        row.CostUsd.Should().BeNull();
    }

    [Fact]
    public async Task Chat_WhenUpstreamIsSilentPastTheTimeout_ShouldBe504AndRecorded()
    {
        var caller = await gateway.NewCallerAsync();

        using var response = await PostChatAsync(caller, """{"model":"slow-model","messages":[{"role":"user","content":"hi"}]}""");

        var error = await OpenAIErrorAsync(response, HttpStatusCode.GatewayTimeout);
        error.GetProperty("message").GetString().Should().Contain("'stub-openai'").And.Contain("Gateway:UpstreamTimeout");
        error.GetProperty("code").GetString().Should().Be("upstream_timeout");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(504);
        row.ModelName.Should().Be("slow-model");
        row.Upstream.Should().Be("stub-openai");
        // A timer runs on Environment.TickCount64, on Linux the coarse clock of one kernel tick (4 ms at CONFIG_HZ=250): it can
        // fire up to a tick before a Stopwatch shows the timeout.
        row.LatencyMs.Should().BeGreaterThanOrEqualTo(GatewayFixture.UpstreamTimeout.TotalMilliseconds - 4);
    }

    [Fact]
    public async Task Chat_WhenBodyIsLargerThanMaxRequestBytes_ShouldBe413AndRecorded()
    {
        var caller = await gateway.NewCallerAsync();
        var body = $$"""{"model":"demo-echo","messages":[{"role":"user","content":"{{new string('x', (int)GatewayFixture.MaxRequestBytes)}}"}]}""";

        using var response = await PostChatAsync(caller, body);

        var error = await OpenAIErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        error.GetProperty("message").GetString().Should().Contain("Gateway:MaxRequestBytes").And.Contain("65536");
        error.GetProperty("type").GetString().Should().Be("invalid_request_error");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(413);
        row.Endpoint.Should().Be("/v1/chat/completions");
        row.Upstream.Should().BeNull();
    }

    [Fact]
    public async Task Chat_WhenBodyIsMalformedJson_ShouldBe400NamingBody()
    {
        var caller = await gateway.NewCallerAsync();

        using var response = await PostChatAsync(caller, """{"model":"demo-echo","messages":[""");

        var error = await OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        error.GetProperty("param").GetString().Should().Be("body");
        error.GetProperty("type").GetString().Should().Be("invalid_request_error");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(400);
        row.ModelName.Should().Be("demo-echo", "the model is read from the start of the request body even when the rest is broken");
        row.Upstream.Should().BeNull();
    }

    [Fact]
    public async Task Chat_WhenModelIsMissing_ShouldBe400NamingModel()
    {
        var caller = await gateway.NewCallerAsync();

        using var response = await PostChatAsync(caller, """{"messages":[{"role":"user","content":"hi"}]}""");

        var error = await OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        error.GetProperty("param").GetString().Should().Be("model");
        error.GetProperty("code").GetString().Should().Be("missing_required_parameter");
        (await caller.SingleRequestLogAsync()).StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task Chat_WhenNoUpstreamServesTheModel_ShouldBe404TellingWhereToConfigureIt()
    {
        var caller = await gateway.NewCallerAsync();

        using var response = await PostChatAsync(caller, """{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}""");

        var error = await OpenAIErrorAsync(response, HttpStatusCode.NotFound);
        error.GetProperty("message").GetString().Should().Contain("'no-such-model'").And.Contain("Gateway:Upstreams");
        error.GetProperty("param").GetString().Should().Be("model");
        error.GetProperty("code").GetString().Should().Be("model_not_found");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(404);
        row.ModelName.Should().Be("no-such-model");
        row.Endpoint.Should().Be("/v1/chat/completions");
        row.Upstream.Should().BeNull();
    }

    [Fact]
    public async Task Chat_WhenApiKeyIsMissing_ShouldBe401InOpenAIShapeAndRecordedWithTheModelAndNoUser()
    {
        using var http = gateway.HttpClient(apiKey: null);
        var forwardedBefore = gateway.Stub.Received.Count;

        using var response = await http.PostAsync(
            "v1/chat/completions", new StringContent("""{"model":"gpt-4o-mini","messages":[]}""", Encoding.UTF8, "application/json"), Cancellation);

        var error = await OpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
        error.GetProperty("message").GetString().Should().Be("Incorrect API key provided: send a valid CleanDashboard API key as 'Authorization: Bearer <key>'.");
        error.GetProperty("type").GetString().Should().Be("invalid_request_error");
        error.GetProperty("code").GetString().Should().Be("invalid_api_key");
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        gateway.Stub.Received.Count.Should().Be(forwardedBefore, "nothing reaches an upstream without a key");

        // The only 401 of this class; the start of the refused body is read for the model the client asked for.
        var row = await gateway.SingleRequestLogAsync(r => r.StatusCode == 401 && r.Endpoint == "/v1/chat/completions");
        row.ModelName.Should().Be("gpt-4o-mini");
        row.StatusCode.Should().Be(401);
        row.UserId.Should().BeNull();
        row.ApiKeyId.Should().BeNull();
        row.Upstream.Should().BeNull();
    }

    [Fact]
    public async Task StreamingChat_WhenClientDisconnectsMidStream_ShouldBeRecordedAs499()
    {
        var caller = await gateway.NewCallerAsync();

        // No draining of the rest of the answer on dispose: leaving the loop closes the connection, as a client that goes away does.
        using var transport = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 });
        var chat = caller.OpenAI(transport).GetChatClient("drip-model");
        string? firstPiece = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Count slowly")], cancellationToken: Cancellation))
        {
            firstPiece = update.ContentUpdate.FirstOrDefault(p => p.Text.Length > 0)?.Text;
            if (firstPiece is not null)
            {
                gateway.Stub.DripStreamsFinished.Should().Be(0, "the first chunk reaches the client while the upstream is still streaming");
                break;
            }
        }

        firstPiece.Should().Be("drip1 ");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(499);
        row.ModelName.Should().Be("drip-model");
        row.Upstream.Should().Be("stub-openai");
        row.PromptTokens.Should().Be(2, "no usage chunk came: \"Count slowly\" is counted with the tokenizer (StreamEndTests checks the estimate)");
        row.CostUsd.Should().BeNull();
        row.TtftMs.Should().NotBeNull();
    }

    private async Task<HttpResponseMessage> PostChatAsync(GatewayCaller caller, string json)
    {
        using var http = caller.Http();
        return await http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"), Cancellation);
    }

    /// <summary>The <c>error</c> object of an OpenAI error answer with the status.</summary>
    private static async Task<JsonElement> OpenAIErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        return document.RootElement.GetProperty("error").Clone();
    }
}
