using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static CleanDashboard.WebApi.IntegrationTests.Telemetry.OtlpJson;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// OTLP/HTTP JSON, posted by hand as the OpenTelemetry .NET exporter only speaks protobuf (JavaScript and Python
/// exporters send this): hex ids, 64-bit integers as strings, gzip, partial success, and the errors of OTLP/HTTP.
/// </summary>
public sealed class OtlpJsonIngestionTests : IAsyncLifetime
{
    private readonly TelemetryApiFactory _factory = new();

    public ValueTask InitializeAsync() => _factory.InitializeAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Post_WhenGzippedJsonHasARejectedSpan_ShouldRecordTheOthersAndReportPartialSuccess()
    {
        var body = Export(
            Span(0, 1_250_000_000, """{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o-mini"}}""",
                """{"key":"gen_ai.usage.input_tokens","value":{"intValue":"2000"}}""",
                """{"key":"gen_ai.usage.output_tokens","value":{"intValue":500}}""",
                """{"key":"user.id","value":{"stringValue":"u-17"}}"""),
            Span(1, 1_000_000_000, """{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}}""",
                """{"key":"gen_ai.usage.input_tokens","value":{"intValue":"-5"}}"""),
            Span(2, 2_000_000, """{"key":"db.system","value":{"stringValue":"postgresql"}}"""));

        var response = await PostAsync(Gzip(body), "application/json", gzip: true);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be(
            """{ "partialSuccess": { "rejectedSpans": "1", "errorMessage": "resourceSpans[0].scopeSpans[0].spans[1]: attribute 'gen_ai.usage.input_tokens' must be a whole number from 0 to 2147483647." } }""");
        await _factory.DrainWriterAsync();
        var log = (await _factory.RequestLogsAsync("otlp")).Should().ContainSingle().Subject;
        log.GetProperty("modelName").GetString().Should().Be("gpt-4o-mini");
        log.GetProperty("createdAt").GetDateTime().Should().Be(new DateTime(2024, 3, 1, 8, 37, 12, DateTimeKind.Utc));
        log.GetProperty("latencyMs").GetDouble().Should().Be(1250);
        log.GetProperty("totalTokens").GetInt32().Should().Be(2500);
        log.GetProperty("costUsd").GetDecimal().Should().Be(0.0006m);     // (2000 × 0.15 + 500 × 0.60) / 10^6
    }

    [Fact]
    public async Task Post_WhenAnEndUserOrConversationIdIsTooLongOrHasControlCharacters_ShouldRejectThoseSpansByName()
    {
        var model = Text("gen_ai.request.model", "gpt-4o");
        var body = Export(
            Span(0, 1_000_000_000, model, Text("user.id", new string('x', 129))),
            Span(1, 1_000_000_000, model, Text("enduser.id", "ali\\u0007ce")),
            Span(2, 1_000_000_000, model, Text("user.id", "carol"), Text("gen_ai.conversation.id", "c\\n1")),
            Span(3, 1_000_000_000, model, Text("user.id", new string('y', 128)), Text("gen_ai.conversation.id", new string('z', 128))));

        var response = await PostAsync(Encoding.UTF8.GetBytes(body), "application/json");

        (await response.Content.ReadAsStringAsync()).Should().Be(
            """{ "partialSuccess": { "rejectedSpans": "3", "errorMessage": "resourceSpans[0].scopeSpans[0].spans[0]: attribute 'user.id' must be at most 128 characters long. """
            + """resourceSpans[0].scopeSpans[0].spans[1]: attribute 'enduser.id' must not contain control characters such as NUL, tabs or line breaks. """
            + """resourceSpans[0].scopeSpans[0].spans[2]: attribute 'gen_ai.conversation.id' must not contain control characters such as NUL, tabs or line breaks." } }""");
        await _factory.DrainWriterAsync();
        var log = (await _factory.RequestLogsAsync("otlp")).Should().ContainSingle().Subject;
        log.GetProperty("userName").GetString().Should().Be("member-1/" + new string('y', 128));
        var sessions = await _factory.Admin.GetFromJsonAsync<JsonElement>($"/api/admin/user-sessions?userId={log.GetProperty("userId").GetInt32()}");
        sessions.GetProperty("items").EnumerateArray().Should().ContainSingle().Which.GetProperty("totalRequests").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Post_WhenEverySpanIsAccepted_ShouldAnswerAnEmptyResponse()
    {
        var response = await PostAsync(Encoding.UTF8.GetBytes(Export(
            Span(0, 1_000_000, """{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}}"""))), "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{ }");
    }

    [Theory]
    [InlineData("not json", "The body is not JSON: ")]
    [InlineData("""{"resourceSpans":{}}""", "resourceSpans must be an array.")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"xyz"}]}]}]}""", "resourceSpans[0].scopeSpans[0].spans[0].traceId must be 32 hex digits.")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":"soon"}]}]}]}""", "resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano must be a non-negative integer")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"gen_ai.usage.input_tokens","value":{"intValue":1.5}}]}]}]}]}""", "resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.intValue must be a 64-bit integer")]
    public async Task Post_WhenTheJsonIsNoExport_ShouldAnswer400NamingTheProblem(string body, string messageStart)
    {
        var response = await PostAsync(Encoding.UTF8.GetBytes(body), "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        status.GetProperty("code").GetInt32().Should().Be(3);
        status.GetProperty("message").GetString().Should().StartWith(messageStart);
        await _factory.DrainWriterAsync();
        (await _factory.RequestLogCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Post_WhenProtobufIsGarbage_ShouldAnswer400InProtobuf()
    {
        var response = await PostAsync([0x0a, 0xff, 0xff, 0xff], "application/x-protobuf");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-protobuf");
        var status = await response.Content.ReadAsByteArrayAsync();
        status[..2].Should().Equal(0x08, 0x03);      // google.rpc.Status field 1 (code) = 3, INVALID_ARGUMENT
        Encoding.UTF8.GetString(status).Should().Contain("The body is not a protobuf ExportTraceServiceRequest");
    }

    [Fact]
    public async Task Post_WhenTheGzipIsBroken_ShouldAnswer400()
    {
        var response = await PostAsync(Encoding.UTF8.GetBytes("{}"), "application/json", gzip: true);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{ "code": 3, "message": "The body is marked 'Content-Encoding: gzip' but is not valid gzip." }""");
    }

    [Fact]
    public async Task Post_WhenTheBodyIsOver10MiB_ShouldAnswer413()
    {
        var response = await PostAsync(new byte[(10 * 1024 * 1024) + 1], "application/x-protobuf");

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_WhenTheBodyUnzipsToOver10MiB_ShouldAnswer413()
    {
        var padding = new string(' ', 10 * 1024 * 1024);
        var response = await PostAsync(Gzip($$"""{"resourceSpans":[]{{padding}}}"""), "application/json", gzip: true);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Be(
            """{ "code": 8, "message": "The export is larger than 10485760 bytes (before or after gzip); send smaller batches." }""");
    }

    [Fact]
    public async Task Post_WhenTheBodyIsExactly10MiB_ShouldBeRead()
    {
        var padding = new string(' ', (10 * 1024 * 1024) - """{"resourceSpans":[]}""".Length);
        var response = await PostAsync(Encoding.UTF8.GetBytes($$"""{"resourceSpans":[]{{padding}}}"""), "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_WhenTheContentTypeIsNeither_ShouldAnswer415()
    {
        var response = await PostAsync(Encoding.UTF8.GetBytes("{}"), "text/plain");

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{ "code": 3, "message": "Send the export as 'application/x-protobuf' or 'application/json'." }""");
    }

    [Fact]
    public async Task Post_WhenNoKeyIsSent_ShouldAnswer401()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _factory.ClientWithKey(null).PostAsync("/v1/traces", content);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body, string contentType, bool gzip = false) =>
        _factory.ClientWithKey(_factory.MemberKey).PostTracesAsync(body, contentType, gzip);
}
