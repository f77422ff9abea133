using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;

namespace CleanDashboard.Gateway.IntegrationTests.Gateway;

/// <summary>
/// Bad model requests are a 400 in the route's protocol naming the field — OpenAI's error object on /v1/, Ollama's
/// <c>{"error": "…"}</c> on /ollama/ — never a 500, never forwarded upstream; the demo model checks its fields as an
/// OpenAI or Ollama server would.
/// </summary>
public sealed class GatewayBadInputTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Chat = "v1/chat/completions";
    private const string Completions = "v1/completions";
    private const string Embeddings = "v1/embeddings";
    private const string OllamaChat = "ollama/api/chat";
    private const string OllamaGenerate = "ollama/api/generate";
    private const string OllamaEmbed = "ollama/api/embed";
    private const string Hi = """[{"role":"user","content":"hi"}]""";

    /// <summary>Stands for one byte 0xFF in a body: never valid in UTF-8.</summary>
    private const string InvalidByte = "<0xFF>";

    private static readonly Dictionary<string, BadRequestCase> Cases = new BadRequestCase[]
    {
        new("duplicate model on chat", Chat, $$"""{"model":"demo-echo","model":"demo-echo","messages":{{Hi}}}""", "model", "invalid_value"),
        new("duplicate model on completions", Completions, """{"model":"demo-echo","model":"demo-echo","prompt":"hi"}""", "model", "invalid_value"),
        new("duplicate model on embeddings", Embeddings, """{"model":"demo-echo","input":"hi","model":"demo-echo"}""", "model", "invalid_value"),
        new("duplicate model on ollama chat", OllamaChat, $$"""{"model":"demo-echo","model":"demo-echo","messages":{{Hi}}}""", "model", null),
        new("duplicate model on ollama generate", OllamaGenerate, """{"model":"demo-echo","model":"demo-echo","prompt":"hi"}""", "model", null),
        new("duplicate model on ollama embed", OllamaEmbed, """{"model":"demo-echo","model":"demo-echo","input":"hi"}""", "model", null),
        new("duplicate model for an upstream", Chat, $$"""{"model":"gpt-4o-mini","model":"gpt-4o-mini","messages":{{Hi}}}""", "model", "invalid_value"),
        new("duplicate nested key", Chat, """{"model":"demo-echo","messages":[{"role":"user","role":"system","content":"hi"}]}""", "messages[0].role", "invalid_value"),
        new("lone surrogate in content", Chat, """{"model":"demo-echo","messages":[{"role":"user","content":"\ud800"}]}""", "messages[0].content", "invalid_value"),
        new("lone surrogate for an upstream", Chat, """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"a\udc00b"}]}""", "messages[0].content", "invalid_value"),
        new("lone surrogate on ollama chat", OllamaChat, """{"model":"demo-echo","messages":[{"role":"user","content":"\ud800"}]}""", "messages[0].content", null),
        new("invalid UTF-8 in content", Chat, $$"""{"model":"demo-echo","messages":[{"role":"user","content":"a{{InvalidByte}}b"}]}""", "messages[0].content", "invalid_value"),
        new("invalid UTF-8 for an upstream", OllamaGenerate, $$"""{"model":"llama3.2","prompt":"a{{InvalidByte}}b"}""", "prompt", null),
        new("message is a number", Chat, """{"model":"demo-echo","messages":[1]}""", "messages[0]", "invalid_type"),
        new("role is a number", Chat, """{"model":"demo-echo","messages":[{"role":1,"content":"hi"}]}""", "messages[0].role", "invalid_type"),
        new("role is unknown", Chat, """{"model":"demo-echo","messages":[{"role":"wizard","content":"hi"}]}""", "messages[0].role", "invalid_value"),
        new("content is an object", Chat, """{"model":"demo-echo","messages":[{"role":"user","content":{"text":"hi"}}]}""", "messages[0].content", "invalid_type"),
        new("messages empty", Chat, """{"model":"demo-echo","messages":[]}""", "messages", "empty_array"),
        new("messages missing", Chat, """{"model":"demo-echo"}""", "messages", "missing_required_parameter"),
        new("stream is a string", Chat, $$"""{"model":"demo-echo","messages":{{Hi}},"stream":"yes"}""", "stream", "invalid_type"),
        new("max_tokens negative", Chat, $$"""{"model":"demo-echo","messages":{{Hi}},"max_tokens":-1}""", "max_tokens", "integer_below_min_value"),
        new("max_tokens zero", Chat, $$"""{"model":"demo-echo","messages":{{Hi}},"max_tokens":0}""", "max_tokens", "integer_below_min_value"),
        new("max_tokens 1e30", Chat, $$"""{"model":"demo-echo","messages":{{Hi}},"max_tokens":1e30}""", "max_tokens", "integer_above_max_value"),
        new("max_tokens a string", Chat, $$"""{"model":"demo-echo","messages":{{Hi}},"max_tokens":"10"}""", "max_tokens", "invalid_type"),
        new("max_tokens a decimal", Completions, """{"model":"demo-echo","prompt":"hi","max_tokens":2.5}""", "max_tokens", "invalid_type"),
        new("max_completion_tokens zero", Chat, $$"""{"model":"demo-echo","messages":{{Hi}},"max_completion_tokens":0}""", "max_completion_tokens", "integer_below_min_value"),
        new("prompt is a number", Completions, """{"model":"demo-echo","prompt":42}""", "prompt", "invalid_type"),
        new("prompt array holds a number", Completions, """{"model":"demo-echo","prompt":["a",1]}""", "prompt[1]", "invalid_type"),
        new("embeddings input is a number", Embeddings, """{"model":"demo-echo","input":42}""", "input", "invalid_type"),
        new("embeddings input empty", Embeddings, """{"model":"demo-echo","input":[]}""", "input", "empty_array"),
        new("unknown encoding_format", Embeddings, """{"model":"demo-echo","input":"hi","encoding_format":"hex"}""", "encoding_format", "invalid_value"),
        new("dimensions zero", Embeddings, """{"model":"demo-echo","input":"hi","dimensions":0}""", "dimensions", "integer_below_min_value"),
        new("ollama message is a number", OllamaChat, """{"model":"demo-echo","messages":[1]}""", "messages[0]", null),
        new("ollama content is an object", OllamaChat, """{"model":"demo-echo","messages":[{"role":"user","content":{}}]}""", "messages[0].content", null),
        new("ollama messages empty", OllamaChat, """{"model":"demo-echo","messages":[]}""", "messages", null),
        new("ollama stream is a string", OllamaChat, $$"""{"model":"demo-echo","messages":{{Hi}},"stream":"yes"}""", "stream", null),
        new("ollama prompt is a number", OllamaGenerate, """{"model":"demo-echo","prompt":42}""", "prompt", null),
        new("ollama num_predict a string", OllamaGenerate, """{"model":"demo-echo","prompt":"hi","options":{"num_predict":"10"}}""", "options.num_predict", null),
        new("ollama embed input is a number", OllamaEmbed, """{"model":"demo-echo","input":42}""", "input", null),
        new("model with NUL on chat", Chat, $$"""{"model":"demo-echo\u0000","messages":{{Hi}}}""", "model", "invalid_value", ModelRejected: true),
        new("model with NUL for an upstream", OllamaChat, $$"""{"model":"llama3.2\u0000x","messages":{{Hi}}}""", "model", null, ModelRejected: true),
        new("model with a line break for an upstream", OllamaGenerate, """{"model":"llama3.2\nx","prompt":"hi"}""", "model", null, ModelRejected: true),
        new("model longer than the column", OllamaGenerate, $$"""{"model":"llama3.2{{new string('x', 200)}}","prompt":"hi"}""", "model", null, ModelRejected: true),
        new("model longer than the column on chat", Chat, $$"""{"model":"{{new string('m', 129)}}","messages":{{Hi}}}""", "model", "string_above_max_length", ModelRejected: true),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Gateway_WhenTheBodyIsBad_ShouldAnswer400InTheRouteProtocolNamingTheField(string name)
    {
        var bad = Cases[name];
        var caller = await gateway.NewCallerAsync();
        var forwardedBefore = gateway.Stub.Received.Count;

        using var http = caller.Http();
        using var content = new ByteArrayContent(bad.Bytes());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(bad.Route, content, TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var document = JsonDocument.Parse(text);
        var error = document.RootElement.GetProperty("error");
        if (bad.Route.StartsWith("ollama/", StringComparison.Ordinal))
        {
            error.ValueKind.Should().Be(JsonValueKind.String, text);
            error.GetString().Should().Contain($"'{bad.Param}'");
        }
        else
        {
            error.GetProperty("type").GetString().Should().Be("invalid_request_error");
            error.GetProperty("param").GetString().Should().Be(bad.Param);
            error.GetProperty("code").GetString().Should().Be(bad.Code);
            error.GetProperty("message").GetString().Should().Contain($"'{bad.Param}'");
        }

        gateway.Stub.Received.Count.Should().Be(forwardedBefore, "a request the gateway refuses never reaches an upstream");
        var row = await caller.SingleRequestLogAsync();
        row.StatusCode.Should().Be(400);
        if (bad.ModelRejected)
        {
            row.ModelName.Should().BeEmpty("a model name the gateway refuses is never stored");
        }
    }

    [Fact]
    public async Task Chat_WhenTheBodyHasAUtf8ByteOrderMark_ShouldAnswerAsWithout()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();
        using var content = new ByteArrayContent([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes($$"""{"model":"demo-echo","messages":{{Hi}}}""")]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await http.PostAsync(Chat, content, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        document.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString().Should().Be("Echo: hi");
    }

    [Fact]
    public async Task OpenAISdk_WhenTheDemoModelRefusesAField_ShouldShowTheGatewaysMessage()
    {
        var caller = await gateway.NewCallerAsync();
        var chat = caller.OpenAI().GetChatClient("demo-echo");

        var act = () => chat.CompleteChatAsync([new OpenAI.Chat.UserChatMessage("hi")], new OpenAI.Chat.ChatCompletionOptions { MaxOutputTokenCount = -5 }, TestContext.Current.CancellationToken);

        var failure = (await act.Should().ThrowAsync<System.ClientModel.ClientResultException>()).Which;
        failure.Status.Should().Be(400);
        failure.Message.Should().Contain("Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got -5 instead.");
    }

    /// <param name="Code">OpenAI's error code; null on the Ollama routes, whose errors are a message only.</param>
    /// <param name="ModelRejected">The model name itself is refused, so the request log keeps no model.</param>
    private sealed record BadRequestCase(string Name, string Route, string Body, string Param, string? Code, bool ModelRejected = false)
    {
        public byte[] Bytes()
        {
            var parts = Body.Split(InvalidByte);
            return parts.Skip(1).Aggregate(Encoding.UTF8.GetBytes(parts[0]), (bytes, part) => [.. bytes, 0xFF, .. Encoding.UTF8.GetBytes(part)]);
        }
    }
}
