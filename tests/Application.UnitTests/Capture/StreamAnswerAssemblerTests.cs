using System.Text;
using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Application.UnitTests.Tracking;

namespace CleanDashboard.Application.UnitTests.Capture;

public sealed class StreamAnswerAssemblerTests
{
    [Theory]
    [InlineData("openai-chat-stream-cached.sse", "Cached prompts are cheaper.")]
    [InlineData("openai-responses-stream.sse", "Hello there!")]
    [InlineData("anthropic-messages-stream-cache.sse", "Okay, here is the summary.")]
    [InlineData("ollama-chat-stream.ndjson", "The sky")]
    public void Text_WhenARecordedStreamArrivesInSmallWrites_ShouldBeTheGeneratedText(string fixture, string generated)
    {
        var assembler = new StreamAnswerAssembler(1000);
        var body = ProviderAnswerFixtures.Read(fixture);

        for (var at = 0; at < body.Length; at += 7)
        {
            assembler.Append(body.AsSpan(at, Math.Min(7, body.Length - at)));
        }

        assembler.Finish();
        (assembler.Text, assembler.Truncated, assembler.ToolCalls.Count).Should().Be((generated, false, 0));
    }

    [Fact]
    public void ToolCalls_WhenAnOpenAIChatStreamCallsTwoTools_ShouldJoinEachOnesArgumentsByIndex()
    {
        var calls = Assemble(
            """data: {"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}""",
            """data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{\"tz\":"}}]}}]}""",
            """data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]}}]}""",
            """data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\"UTC\"}"}}]}}]}""",
            "data: [DONE]");

        calls.Should().Equal(("call_a", "get_weather", """{"city":"Paris"}"""), ("call_b", "get_time", """{"tz":"UTC"}"""));
    }

    [Fact]
    public void ToolCalls_WhenAResponsesStreamFinishesAFunctionCall_ShouldTakeTheDoneItem()
    {
        var calls = Assemble(
            """data: {"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","call_id":"call_1","name":"lookup","arguments":""}}""",
            """data: {"type":"response.function_call_arguments.delta","output_index":0,"delta":"{\"q\":"}""",
            """data: {"type":"response.output_item.done","output_index":0,"item":{"type":"function_call","call_id":"call_1","name":"lookup","arguments":"{\"q\":\"x\"}"}}""");

        calls.Should().Equal(("call_1", "lookup", """{"q":"x"}"""));
    }

    [Fact]
    public void ToolCalls_WhenAnAnthropicStreamUsesATool_ShouldJoinItsPartialJson()
    {
        var assembler = new StreamAnswerAssembler(1000);
        Feed(
            assembler,
            """data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
            """data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check."}}""",
            """data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}""",
            """data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": "}}""",
            """data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}""");

        assembler.Text.Should().Be("Let me check.");
        assembler.ToolCalls.Select(c => (c.Id, c.Name, c.Arguments.ToString())).Should().Equal(("toolu_1", "get_weather", """{"city": "Paris"}"""));
    }

    [Fact]
    public void ToolCalls_WhenAnOllamaLineCallsATool_ShouldKeepItsArgumentsObjectAsJson()
    {
        var calls = Assemble(
            """{"model":"llama3.2","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done":false}""",
            """{"model":"llama3.2","message":{"role":"assistant","content":""},"done":true,"prompt_eval_count":5,"eval_count":2}""");

        calls.Should().Equal(((string?)null, "get_weather", """{"city":"Paris"}"""));
    }

    [Fact]
    public void Text_WhenLongerThanTheCap_ShouldKeepTheFirstCharactersAndSayTruncated()
    {
        var assembler = new StreamAnswerAssembler(8);
        Feed(assembler, """{"response":"Hello "}""", """{"response":"wonderful world"}""");

        (assembler.Text, assembler.Truncated).Should().Be(("Hello wo", true));
    }

    [Fact]
    public void AssembledAnswer_ShouldWriteTextToolCallsAndUsage()
    {
        var assembler = new StreamAnswerAssembler(100);
        Feed(assembler, """data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}""");

        CaptureBuilder.AssembledAnswer(assembler, new TokenUsage("m", 3, 1, 4)).Should().Be(
            """{"text":"Hi","toolCalls":[],"usage":{"promptTokens":3,"completionTokens":1,"totalTokens":4}}""");
        CaptureBuilder.AssembledAnswer(assembler, TokenUsage.None).Should().Be("""{"text":"Hi","toolCalls":[],"usage":null}""");
    }

    private static List<(string? Id, string? Name, string Arguments)> Assemble(params string[] lines)
    {
        var assembler = new StreamAnswerAssembler(1000);
        Feed(assembler, lines);
        return assembler.ToolCalls.Select(c => (c.Id, c.Name, c.Arguments.ToString())).ToList();
    }

    private static void Feed(StreamAnswerAssembler assembler, params string[] lines)
    {
        assembler.Append(Encoding.UTF8.GetBytes(string.Join("\n\n", lines) + "\n\n"));
        assembler.Finish();
    }
}

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hello there"}],"temperature":0.2}""", "Hello there\n")]
    [InlineData("""{"id":"chatcmpl-1","object":"chat.completion","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""", "Hi\n")]
    [InlineData("""{"text":"Done","toolCalls":[{"id":"c1","name":"send","arguments":"{\"to\":\"x\"}"}],"usage":null}""", "Done\nsend\n{\"to\":\"x\"}\n")]
    [InlineData("""{"model":"demo-echo","messages":[{"role":"user","content":"cut here""", "\"cut here")]
    [InlineData("plain text, not JSON", "plain text, not JSON")]
    public void Of_ShouldKeepTheStringValuesButNotNamesNumbersOrBookkeeping(string body, string expected) =>
        CleanDashboard.Application.Capture.SearchText.Of(body).Should().Be(expected);
}
