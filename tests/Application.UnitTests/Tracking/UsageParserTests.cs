using System.Text;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Application.UnitTests.Tracking;

public sealed class UsageParserTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void ParseResponse_WhenOpenAiJson_ShouldReadModelAndUsage()
    {
        var body = Utf8("""{"id":"c1","model":"gpt-4o-mini","choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42}}""");

        var usage = UsageParser.ParseResponse("application/json; charset=utf-8", body, [], complete: true);

        usage.Should().Be(new TokenUsage("gpt-4o-mini", 12, 30, 42));
    }

    [Fact]
    public void ParseResponse_WhenEmbeddingUsageHasNoCompletion_ShouldLeaveCompletionNull()
    {
        var body = Utf8("""{"object":"list","model":"text-embedding-3-small","data":[],"usage":{"prompt_tokens":8,"total_tokens":8}}""");

        var usage = UsageParser.ParseResponse("application/json", body, [], complete: true);

        usage.Should().Be(new TokenUsage("text-embedding-3-small", 8, null, 8));
    }

    [Fact]
    public void ParseResponse_WhenOllamaJson_ShouldSumPromptEvalAndEvalCounts()
    {
        var body = Utf8("""{"model":"llama3.2","message":{"role":"assistant","content":"ok"},"done":true,"prompt_eval_count":26,"eval_count":290}""");

        var usage = UsageParser.ParseResponse("application/json", body, [], complete: true);

        usage.Should().Be(new TokenUsage("llama3.2", 26, 290, 316));
    }

    [Fact]
    public void ParseResponse_WhenServerSentEvents_ShouldTakeUsageFromTheLastChunkThatCarriesIt()
    {
        var body = Utf8(
            "data: {\"model\":\"gpt-4o\",\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n" +
            "data: {\"model\":\"gpt-4o\",\"choices\":[{\"delta\":{\"content\":\"lo\"}}],\"usage\":null}\n\n" +
            "data: {\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n" +
            "data: [DONE]\n\n");

        var usage = UsageParser.ParseResponse("text/event-stream", body, [], complete: true);

        usage.Should().Be(new TokenUsage("gpt-4o", 5, 2, 7));
    }

    [Fact]
    public void ParseResponse_WhenOllamaNdjsonStream_ShouldReadTheDoneLine()
    {
        var body = Utf8(
            "{\"model\":\"llama3.2\",\"message\":{\"content\":\"a\"},\"done\":false}\n" +
            "{\"model\":\"llama3.2\",\"message\":{\"content\":\"\"},\"done\":true,\"prompt_eval_count\":10,\"eval_count\":4}\n");

        var usage = UsageParser.ParseResponse("application/x-ndjson", body, [], complete: true);

        usage.Should().Be(new TokenUsage("llama3.2", 10, 4, 14));
    }

    [Fact]
    public void ParseResponse_WhenStreamHasNoUsage_ShouldKeepModelAndLeaveTokensNull()
    {
        var body = Utf8("data: {\"model\":\"gpt-4o\",\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\ndata: [DONE]\n\n");

        var usage = UsageParser.ParseResponse("text/event-stream", body, [], complete: true);

        usage.Should().Be(new TokenUsage("gpt-4o", null, null, null));
    }

    [Fact]
    public void ParseResponse_WhenJsonWasCutShort_ShouldReadModelFromPrefixAndUsageFromSuffix()
    {
        var prefix = Utf8("""{"id":"c1","model":"gpt-4o","choices":[{"message":{"content":"aaaaaaaa""");
        var suffix = Utf8("""aaaaaa"}}],"usage":{"prompt_tokens":100,"completion_tokens":2000,"total_tokens":2100}}""");

        var usage = UsageParser.ParseResponse("application/json", prefix, suffix, complete: false);

        usage.Should().Be(new TokenUsage("gpt-4o", 100, 2000, 2100));
    }

    [Fact]
    public void ParseResponse_WhenOllamaJsonWasCutShort_ShouldReadCountsFromSuffix()
    {
        var prefix = Utf8("""{"model":"llama3.2","response":"bbbbbbbb""");
        var suffix = Utf8("""bbbb","done":true,"prompt_eval_count":7,"prompt_eval_duration":123,"eval_count":900,"eval_duration":456}""");

        var usage = UsageParser.ParseResponse("application/json", prefix, suffix, complete: false);

        usage.Should().Be(new TokenUsage("llama3.2", 7, 900, 907));
    }

    [Fact]
    public void ParseResponse_WhenStreamWasCutShort_ShouldSkipThePartialFirstLineOfTheSuffix()
    {
        var prefix = Utf8("data: {\"model\":\"gpt-4o\",\"choices\":[]}\n\n");
        var suffix = Utf8("ent\":\"z\"}}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9000,\"total_tokens\":9003}}\n\ndata: [DONE]\n\n");

        var usage = UsageParser.ParseResponse("text/event-stream", prefix, suffix, complete: false);

        usage.Should().Be(new TokenUsage("gpt-4o", 3, 9000, 9003));
    }

    [Theory]
    [InlineData("text/plain", "hello")]
    [InlineData("application/json", "not json at all")]
    [InlineData("application/json", "[1,2,3]")]
    [InlineData(null, "{\"model\":\"x\"}")]
    public void ParseResponse_WhenNotAnAnswer_ShouldFindNothing(string? contentType, string body)
    {
        UsageParser.ParseResponse(contentType, Utf8(body), [], complete: true).Should().Be(TokenUsage.None);
    }

    [Fact]
    public void ParseResponse_WhenTokenCountIsNegative_ShouldIgnoreIt()
    {
        var body = Utf8("""{"model":"m","usage":{"prompt_tokens":-5,"completion_tokens":3}}""");

        UsageParser.ParseResponse("application/json", body, [], complete: true).Should().Be(new TokenUsage("m", null, 3, 3));
    }

    [Theory]
    [InlineData("""{"model":"llama3.2","messages":[{"role":"user","content":"hi"}]}""", "llama3.2")]
    [InlineData("""{"messages":[{"role":"user","content":"model"}],"model":"gpt-4o"}""", "gpt-4o")]
    [InlineData("""{"messages":[{"model":"nested"}]}""", null)]
    [InlineData("""{"model":42}""", null)]
    [InlineData("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"cut sho""", "gpt-4o-mini")]
    public void ParseRequestModel_ShouldReadTheTopLevelModelOnly(string body, string? expected)
    {
        UsageParser.ParseRequestModel(Utf8(body)).Should().Be(expected);
    }
}
