using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OllamaSharp.Models.Chat;
using OpenAI;
using OpenAI.Chat;

namespace CleanDashboard.Gateway.IntegrationTests.Protocols;

/// <summary>The gateway's own errors as each official SDK receives them: its typed exception with the message and code, and the row.</summary>
public sealed class NativeErrorTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string BadKey = "cd_this-key-does-not-exist";
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private OpenAIClient OpenAIWithBadKey() => new(new ApiKeyCredential(BadKey), new OpenAIClientOptions
    {
        Endpoint = new Uri(gateway.BaseAddress, "v1"),
        RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0),
    });

    [Fact]
    public async Task OpenAIChat_WhenKeyIsUnknown_ShouldRaiseClientResultExceptionWithInvalidApiKeyAndRecordTheModel()
    {
        var act = () => OpenAIWithBadKey().GetChatClient("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Hello")], cancellationToken: Cancellation);

        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;
        error.Status.Should().Be(401);
        error.Message.Should().Be("HTTP 401 (invalid_request_error: invalid_api_key)\n\nIncorrect API key provided: send a valid CleanDashboard API key as 'Authorization: Bearer <key>'.");
        var row = await gateway.SingleRequestLogAsync(r => r.StatusCode == 401 && r.Endpoint == "/v1/chat/completions" && r.ModelName == "gpt-4o-mini");
        (row.UserId, row.ApiKeyId, row.Upstream, row.PromptTokens, row.CostUsd).Should().Be((null, null, null, null, null));
    }

    [Fact]
    public async Task OpenAIStreamingChat_WhenKeyIsUnknown_ShouldRaiseClientResultExceptionWithInvalidApiKey()
    {
        var act = async () =>
        {
            await foreach (var _ in OpenAIWithBadKey().GetChatClient("gpt-4o-streamed").CompleteChatStreamingAsync([new UserChatMessage("Hello")], cancellationToken: Cancellation))
            {
            }
        };

        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;
        (error.Status, error.Message).Should().Be((401, "HTTP 401 (invalid_request_error: invalid_api_key)\n\nIncorrect API key provided: send a valid CleanDashboard API key as 'Authorization: Bearer <key>'."));
        (await gateway.SingleRequestLogAsync(r => r.StatusCode == 401 && r.ModelName == "gpt-4o-streamed")).Endpoint.Should().Be("/v1/chat/completions");
    }

    [Fact]
    public async Task MicrosoftExtensionsAI_WhenModelIsUnknown_ShouldRaiseClientResultExceptionWithModelNotFound()
    {
        var caller = await gateway.NewCallerAsync();
        IChatClient chat = caller.OpenAI().GetChatClient("mystery-model").AsIChatClient();

        var act = () => chat.GetResponseAsync("Hello", cancellationToken: Cancellation);

        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;
        error.Status.Should().Be(404);
        error.Message.Should().Be(
            "HTTP 404 (invalid_request_error: model_not_found)\nParameter: model\n\nNo upstream serves the model 'mystery-model'. Add a pattern that matches it to the Models of an upstream in the Gateway:Upstreams configuration, or use a model listed by GET /v1/models.");
        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.StatusCode, row.ModelName).Should().Be(("/v1/chat/completions", 404, "mystery-model"));
    }

    [Fact]
    public async Task Ollama_WhenKeyIsUnknown_ShouldRaiseTheSdksHttpErrorWithOllamasShapeAndRecordTheModel()
    {
        var http = new HttpClient { BaseAddress = new Uri(gateway.BaseAddress, "ollama/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BadKey);
        using var ollama = new OllamaApiClient(http);

        var act = async () =>
        {
            await foreach (var _ in ollama.ChatAsync(new ChatRequest { Model = "llama3.2-denied", Messages = [new Message(OllamaSharp.Models.Chat.ChatRole.User, "Hi")] }, Cancellation))
            {
            }
        };

        // OllamaSharp reads the error body only of a 400; for other statuses it raises HttpRequestException with the status.
        var error = (await act.Should().ThrowAsync<HttpRequestException>()).Which;
        error.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await gateway.SingleRequestLogAsync(r => r.StatusCode == 401 && r.ModelName == "llama3.2-denied")).Endpoint.Should().Be("/ollama/api/chat");
        using var raw = await http.PostAsync("api/chat", new StringContent("""{"model":"llama3.2-denied"}""", Encoding.UTF8, "application/json"), Cancellation);
        (await raw.Content.ReadAsStringAsync(Cancellation)).Should().Be(
            """{"error":"Incorrect API key provided: send a valid CleanDashboard API key as \u0027Authorization: Bearer \u003Ckey\u003E\u0027."}""");
    }

    [Theory]
    [InlineData("v1/no-such-route", "application/json", "/v1/no-such-route")]
    [InlineData("v1/messages/no-such-route", "application/json", "/v1/messages/no-such-route")]
    [InlineData("ollama/api/no-such-route", "application/json", "/ollama/api/no-such-route")]
    [InlineData("api/no-such-route", "application/problem+json", "/api/no-such-route")]
    public async Task UnknownRoute_ShouldBe404InThePathsProtocolAndLoggedWithThePathWithoutQuery(string path, string mediaType, string loggedEndpoint)
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PostAsync(path + "?token=secret", new StringContent("{}", Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        var message = "Unknown route: POST /" + path + " is not served by this gateway.";
        switch (path.Split('/')[0], path.StartsWith("v1/messages", StringComparison.Ordinal))
        {
            case ("v1", true):
                body.RootElement.GetProperty("error").GetProperty("type").GetString().Should().Be("not_found_error");
                body.RootElement.GetProperty("error").GetProperty("message").GetString().Should().Be(message);
                break;
            case ("v1", false):
                body.RootElement.GetProperty("error").GetProperty("code").GetString().Should().Be("unknown_url");
                body.RootElement.GetProperty("error").GetProperty("message").GetString().Should().Be(message);
                break;
            case ("ollama", _):
                body.RootElement.GetProperty("error").GetString().Should().Be(message);
                break;
            default:
                body.RootElement.GetProperty("status").GetInt32().Should().Be(404);
                break;
        }

        var row = await caller.SingleRequestLogAsync();
        (row.Endpoint, row.StatusCode).Should().Be((loggedEndpoint, 404));
    }

    [Fact]
    public async Task UnknownRoute_WhenThePathIsLong_ShouldBeLoggedCutToTheColumnsLength()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();
        var path = "v1/" + new string('x', 100);

        using var response = await http.GetAsync(path, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await caller.SingleRequestLogAsync()).Endpoint.Should().Be(("/" + path)[..64]);
    }
}
