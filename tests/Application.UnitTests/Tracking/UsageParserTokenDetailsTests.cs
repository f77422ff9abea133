using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Application.UnitTests.Tracking;

/// <summary>Every normalized count of each recorded provider answer, computed by hand from the fixture.</summary>
public sealed class UsageParserTokenDetailsTests
{
    public static TheoryData<string, TokenUsage> Answers => new()
    {
        // 1536 prompt tokens of which 1280 cached; 420 completion tokens of which 384 reasoning.
        { "openai-chat-cached-reasoning.json", new TokenUsage("o4-mini-2025-04-16", 1536, 420, 1956) { CachedInputTokens = 1280, ReasoningTokens = 384, FinishReasons = ["stop"] } },
        // The usage chunk (choices: []) at the end: 1000 prompt of which 800 cached, 100 completion, no reasoning.
        { "openai-chat-stream-cached.sse", new TokenUsage("gpt-4o-mini-2024-07-18", 1000, 100, 1100) { CachedInputTokens = 800, ReasoningTokens = 0, FinishReasons = ["stop"] } },
        { "openai-responses.json", new TokenUsage("o3-2025-04-16", 2048, 650, 2698) { CachedInputTokens = 1024, ReasoningTokens = 576, FinishReasons = ["completed"] } },
        // Usage only in response.completed's response.usage; the model already in response.created.
        { "openai-responses-stream.sse", new TokenUsage("gpt-4.1-2025-04-14", 37, 11, 48) { CachedInputTokens = 0, ReasoningTokens = 0, FinishReasons = ["completed"] } },
        // Prompt = 21 uncached + 2048 cache reads + 188 cache writes = 2257; total 2257 + 393 = 2650.
        { "anthropic-messages-cache.json", new TokenUsage("claude-sonnet-4-20250514", 2257, 393, 2650) { CachedInputTokens = 2048, CacheCreationTokens = 188, FinishReasons = ["end_turn"] } },
        // message_start: 472 + 3000 read + 1024 written = 4496 input; message_delta's cumulative 89 output replaces the 2 of message_start.
        { "anthropic-messages-stream-cache.sse", new TokenUsage("claude-3-5-haiku-20241022", 4496, 89, 4585) { CachedInputTokens = 3000, CacheCreationTokens = 1024, FinishReasons = ["end_turn"] } },
        { "ollama-chat.json", new TokenUsage("llama3.2:latest", 26, 282, 308) { FinishReasons = ["stop"] } },
        { "ollama-chat-stream.ndjson", new TokenUsage("llama3.2:latest", 31, 3, 34) { FinishReasons = ["stop"] } },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void ParseResponse_WhenRecordedAnswer_ShouldNormalizeEveryCount(string fixture, TokenUsage expected)
    {
        var body = ProviderAnswerFixtures.Read(fixture);

        var usage = UsageParser.ParseResponse(ProviderAnswerFixtures.ContentType(fixture), body, [], complete: true);

        usage.Should().Be(expected);
    }

    [Fact]
    public void ParseResponse_WhenAnthropicStreamWasCaptured_AsPrefixAndSuffix_ShouldMergeStartAndDeltaUsage()
    {
        var body = ProviderAnswerFixtures.Read("anthropic-messages-stream-cache.sse");
        var prefix = body.AsSpan(0, 420);
        var suffix = body.AsSpan(body.Length - 300);

        var usage = UsageParser.ParseResponse("text/event-stream", prefix, suffix, complete: false);

        usage.Should().Be(new TokenUsage("claude-3-5-haiku-20241022", 4496, 89, 4585) { CachedInputTokens = 3000, CacheCreationTokens = 1024, FinishReasons = ["end_turn"] });
    }

    [Fact]
    public void ParseResponse_WhenAnthropicStreamEndsBeforeMessageDelta_ShouldKeepTheInputAndTheFirstOutputCount()
    {
        var body = ProviderAnswerFixtures.Read("anthropic-messages-stream-cache.sse");
        var cut = System.Text.Encoding.UTF8.GetString(body);
        cut = cut[..cut.IndexOf("event: message_delta", StringComparison.Ordinal)];

        var usage = UsageParser.ParseResponse("text/event-stream", System.Text.Encoding.UTF8.GetBytes(cut), [], complete: true);

        usage.Should().Be(new TokenUsage("claude-3-5-haiku-20241022", 4496, 2, 4498) { CachedInputTokens = 3000, CacheCreationTokens = 1024 });
    }

    [Fact]
    public void ParseResponse_WhenOpenAiJsonWasCutShort_ShouldReadTheDetailsFromTheSuffix()
    {
        var body = ProviderAnswerFixtures.Read("openai-chat-cached-reasoning.json");
        var prefix = body.AsSpan(0, 140);
        var suffix = body.AsSpan(body.Length - 330);

        var usage = UsageParser.ParseResponse("application/json", prefix, suffix, complete: false);

        usage.Should().Be(new TokenUsage("o4-mini-2025-04-16", 1536, 420, 1956) { CachedInputTokens = 1280, ReasoningTokens = 384 });
    }
}
