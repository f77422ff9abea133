using System.Text;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Application.UnitTests.Tracking;

/// <summary>Finish reasons per protocol, from a whole JSON answer and from its stream.</summary>
public sealed class UsageParserFinishReasonTests
{
    [Fact]
    public void ParseResponse_WhenOpenAiChatJsonHasTwoChoices_ShouldReadEachFinishReasonInChoiceOrder()
    {
        var usage = Json("""{"model":"gpt-4o","choices":[{"index":0,"message":{"content":"a"},"finish_reason":"stop"},{"index":1,"message":{"content":"b"},"finish_reason":"length"}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""");

        usage.FinishReasons.Should().Equal("stop", "length");
    }

    [Fact]
    public void ParseResponse_WhenOpenAiChatStream_ShouldReadTheFinishReasonOfEachChoiceFromTheChunkThatEndsIt()
    {
        var usage = Stream("text/event-stream",
            "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"b\"},\"finish_reason\":null},{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}\n\n" +
            "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":1,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n" +
            "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
            "data: {\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n" +
            "data: [DONE]\n\n");

        usage.FinishReasons.Should().Equal("stop", "tool_calls");
    }

    [Fact]
    public void ParseResponse_WhenAnthropicJson_ShouldReadStopReason()
    {
        var usage = Json("""{"id":"m1","type":"message","model":"claude-3-5-haiku","content":[{"type":"text","text":"hi"}],"stop_reason":"max_tokens","usage":{"input_tokens":10,"output_tokens":5}}""");

        usage.FinishReasons.Should().Equal("max_tokens");
    }

    [Fact]
    public void ParseResponse_WhenAnthropicStream_ShouldReadStopReasonFromMessageDelta()
    {
        var usage = Stream("text/event-stream",
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-3-5-haiku\",\"stop_reason\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n" +
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n" +
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}\n\n" +
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

        usage.FinishReasons.Should().Equal("end_turn");
    }

    [Fact]
    public void ParseResponse_WhenOllamaJson_ShouldReadDoneReason()
    {
        var usage = Json("""{"model":"llama3.2","message":{"role":"assistant","content":"ok"},"done":true,"done_reason":"stop","prompt_eval_count":26,"eval_count":290}""");

        usage.FinishReasons.Should().Equal("stop");
    }

    [Fact]
    public void ParseResponse_WhenOllamaNdjsonStream_ShouldReadDoneReasonFromTheDoneLine()
    {
        var usage = Stream("application/x-ndjson",
            "{\"model\":\"llama3.2\",\"message\":{\"content\":\"a\"},\"done\":false}\n" +
            "{\"model\":\"llama3.2\",\"message\":{\"content\":\"\"},\"done\":true,\"done_reason\":\"length\",\"prompt_eval_count\":10,\"eval_count\":4}\n");

        usage.FinishReasons.Should().Equal("length");
    }

    [Fact]
    public void ParseResponse_WhenResponsesApiJson_ShouldReadItsStatus()
    {
        var usage = Json("""{"id":"resp_1","object":"response","status":"incomplete","model":"gpt-4o","output":[],"usage":{"input_tokens":8,"output_tokens":16,"total_tokens":24}}""");

        usage.FinishReasons.Should().Equal("incomplete");
    }

    [Fact]
    public void ParseResponse_WhenResponsesApiStream_ShouldReadTheStatusOfTheLastResponseEvent()
    {
        var usage = Stream("text/event-stream",
            "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"gpt-4o\"}}\n\n" +
            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"hi\"}\n\n" +
            "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-4o\",\"usage\":{\"input_tokens\":8,\"output_tokens\":2,\"total_tokens\":10}}}\n\n");

        usage.FinishReasons.Should().Equal("completed");
    }

    [Fact]
    public void ParseResponse_WhenTheAnswerSaysNoReason_ShouldLeaveFinishReasonsNull()
    {
        var usage = Json("""{"object":"list","model":"text-embedding-3-small","data":[],"usage":{"prompt_tokens":8,"total_tokens":8}}""");

        usage.FinishReasons.Should().BeNull();
    }

    private static TokenUsage Json(string body) =>
        UsageParser.ParseResponse("application/json", Encoding.UTF8.GetBytes(body), [], complete: true);

    private static TokenUsage Stream(string contentType, string body) =>
        UsageParser.ParseResponse(contentType, Encoding.UTF8.GetBytes(body), [], complete: true);
}
