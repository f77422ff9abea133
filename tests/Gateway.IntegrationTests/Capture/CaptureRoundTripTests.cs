using System.Text.Json;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;

namespace CleanDashboard.Gateway.IntegrationTests.Capture;

/// <summary>
/// Every protocol through the gateway with capture on: a JSON answer is stored exactly as the client received it, a
/// stream as its assembled text and final usage; the request body exactly as the client sent it.
/// </summary>
public sealed class CaptureRoundTripTests(CaptureFixture gateway) : IClassFixture<CaptureFixture>
{
    private const string StubText = "Hello from the stub upstream.";

    public static TheoryData<string, string> JsonRequests => new()
    {
        { "v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello"}]}""" },
        { "v1/responses", """{"model":"gpt-resp-stub","input":"Say hello"}""" },
        { "v1/messages", """{"model":"claude-stub","max_tokens":100,"messages":[{"role":"user","content":"Say hello"}]}""" },
        { "ollama/api/chat", """{"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"Say hello"}]}""" },
        { "v1/chat/completions", """{"model":"demo-echo","messages":[{"role":"user","content":"Say hello"}]}""" },
    };

    public static TheoryData<string, string, string> StreamRequests => new()
    {
        {
            "v1/chat/completions", """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Say hello"}]}""",
            $$$"""{"text":"{{{StubText}}}","toolCalls":[],"usage":{"promptTokens":12000,"completionTokens":3400,"totalTokens":15400}}"""
        },
        {
            "v1/responses", """{"model":"gpt-resp-stub","stream":true,"input":"Say hello"}""",
            $$$"""{"text":"{{{StubText}}}","toolCalls":[],"usage":{"promptTokens":9000,"completionTokens":1500,"totalTokens":10500}}"""
        },
        {
            "v1/messages", """{"model":"claude-stub","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Say hello"}]}""",
            $$$"""{"text":"{{{StubText}}}","toolCalls":[],"usage":{"promptTokens":8000,"completionTokens":700,"totalTokens":8700}}"""
        },
        {
            "ollama/api/chat", """{"model":"llama3.2","messages":[{"role":"user","content":"Say hello"}]}""",
            """{"text":"Hi from Ollama.","toolCalls":[],"usage":{"promptTokens":26000,"completionTokens":14000,"totalTokens":40000}}"""
        },
        {
            "ollama/api/generate", """{"model":"llama3.2","prompt":"Why is the sky blue?"}""",
            """{"text":"Sky is blue.","toolCalls":[],"usage":{"promptTokens":30000,"completionTokens":20000,"totalTokens":50000}}"""
        },
        {
            "v1/chat/completions", """{"model":"demo-echo","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Say hello"}]}""",
            """{"text":"Echo: Say hello","toolCalls":[],"usage":{"promptTokens":2,"completionTokens":3,"totalTokens":5}}"""
        },
    };

    [Theory]
    [MemberData(nameof(JsonRequests))]
    public async Task JsonAnswer_WhenCaptureIsOn_ShouldStoreBothBodiesExactlyAsSentAndReceived(string path, string body)
    {
        var caller = await gateway.NewCallerAsync();

        var received = await CaptureFixture.PostAsync(caller, path, body);

        var capture = (await gateway.DetailAsync((await caller.SingleRequestLogAsync()).Id)).GetProperty("capture");
        capture.GetProperty("requestBody").GetString().Should().Be(body);
        capture.GetProperty("responseText").GetString().Should().Be(received);
        capture.GetProperty("truncated").GetBoolean().Should().BeFalse();
        capture.GetProperty("redactions").EnumerateObject().Should().BeEmpty();
        capture.GetProperty("contentType").GetString().Should().Be("application/json; charset=utf-8");
    }

    [Theory]
    [MemberData(nameof(StreamRequests))]
    public async Task StreamedAnswer_WhenCaptureIsOn_ShouldStoreTheAssembledTextAndFinalUsageNotTheChunks(string path, string body, string expectedAnswer)
    {
        var caller = await gateway.NewCallerAsync();

        await CaptureFixture.PostAsync(caller, path, body);

        var capture = (await gateway.DetailAsync((await caller.SingleRequestLogAsync()).Id)).GetProperty("capture");
        capture.GetProperty("requestBody").GetString().Should().Be(body);
        capture.GetProperty("responseText").GetString().Should().Be(expectedAnswer);
        capture.GetProperty("truncated").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Detail_WhenTheModelIsNotCovered_ShouldHaveNullCaptureAndKeepTheFigures()
    {
        var caller = await gateway.NewCallerAsync();

        await CaptureFixture.PostAsync(caller, "v1/embeddings", """{"model":"text-embedding-3-small","input":"not captured"}""");

        var detail = await gateway.DetailAsync((await caller.SingleRequestLogAsync()).Id);
        detail.GetProperty("capture").ValueKind.Should().Be(JsonValueKind.Null);
        detail.GetProperty("promptTokens").GetInt32().Should().Be(StubUpstream.EmbeddingPromptTokens);
    }

    [Fact]
    public async Task Capture_WhenBodiesExceedTheCap_ShouldKeepTheFirstCapBytesOfEachAndSayTruncated()
    {
        var caller = await gateway.NewCallerAsync();
        var words = string.Join(' ', Enumerable.Repeat("abcdefgh", 600));
        var body = $$"""{"model":"demo-echo","messages":[{"role":"user","content":"{{words}}"}]}""";

        var received = await CaptureFixture.PostAsync(caller, "v1/chat/completions", body);

        var capture = (await gateway.DetailAsync((await caller.SingleRequestLogAsync()).Id)).GetProperty("capture");
        capture.GetProperty("requestBody").GetString().Should().Be(body[..CaptureFixture.CapBytes]);
        capture.GetProperty("responseText").GetString().Should().Be(received[..CaptureFixture.CapBytes]);
        (capture.GetProperty("truncated").GetBoolean(), capture.GetProperty("requestTruncated").GetBoolean(), capture.GetProperty("responseTruncated").GetBoolean())
            .Should().Be((true, true, true));
        capture.GetProperty("capBytes").GetInt32().Should().Be(CaptureFixture.CapBytes);
    }

    [Fact]
    public async Task StreamedCapture_WhenTheTextExceedsTheCap_ShouldKeepTheFirstCapCharactersAndSayTruncated()
    {
        var caller = await gateway.NewCallerAsync();
        var words = string.Join(' ', Enumerable.Repeat("abcdefgh", 500));
        var body = $$"""{"model":"demo-echo","stream":true,"messages":[{"role":"user","content":"{{words}}"}]}""";

        await CaptureFixture.PostAsync(caller, "v1/chat/completions", body);

        var capture = (await gateway.DetailAsync((await caller.SingleRequestLogAsync()).Id)).GetProperty("capture");
        using var answer = JsonDocument.Parse(capture.GetProperty("responseText").GetString()!);
        answer.RootElement.GetProperty("text").GetString().Should().Be(("Echo: " + words)[..CaptureFixture.CapBytes]);
        (capture.GetProperty("requestTruncated").GetBoolean(), capture.GetProperty("responseTruncated").GetBoolean()).Should().Be((true, true));
    }
}
