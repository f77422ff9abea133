using CleanDashboard.Application.Telemetry.Ingestion;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Application.UnitTests.Telemetry;

public sealed class GenAiSpanMapperTests
{
    private const ulong Start = 1_709_282_232_000_000_000;   // 2024-03-01T08:37:12Z

    private static readonly GenAiSpanMapper Mapper = new(new PricingCatalog([new PricedModel("gpt-4o", 2.50m, 10.00m, [])]));

    private static TelemetrySpan Span(Dictionary<string, object?> attributes, SpanStatusCode status = SpanStatusCode.Unset, ulong durationNanos = 1_500_000) =>
        new("resourceSpans[0].scopeSpans[0].spans[0]", "chat gpt-4o", Start, Start + durationNanos, status, attributes);

    private static TrackedRequest Recorded(Dictionary<string, object?> attributes, SpanStatusCode status = SpanStatusCode.Unset) =>
        Mapper.Map(Span(attributes, status), userId: 7, apiKeyId: 9).Request ?? throw new InvalidOperationException("rejected or ignored");

    [Fact]
    public void Map_WhenNoAttributeIsGenAi_ShouldIgnoreTheSpan()
    {
        Mapper.Map(Span(new() { ["http.request.method"] = "GET", ["gen_aix"] = 1L }), 7, 9).Should().Be(SpanMapping.Ignored);
    }

    [Fact]
    public void Map_WhenCurrentAndOlderNamesAreBothSent_ShouldPreferTheCurrentOnes()
    {
        var request = Recorded(new()
        {
            ["gen_ai.request.model"] = "gpt-4o",
            ["gen_ai.usage.input_tokens"] = 100L,
            ["gen_ai.usage.prompt_tokens"] = 999L,
            ["gen_ai.usage.output_tokens"] = 20L,
            ["gen_ai.usage.completion_tokens"] = 999L,
        });

        (request.PromptTokens, request.CompletionTokens, request.TotalTokens).Should().Be((100, 20, 120));
        request.CostUsd.Should().Be(0.00045m);     // (100 × 2.50 + 20 × 10.00) / 10^6
        (request.UserId, request.ApiKeyId, request.Source, request.Method).Should().Be((7, 9, "otlp", "OTLP"));
        request.CreatedAt.Should().Be(new DateTime(2024, 3, 1, 8, 37, 12, DateTimeKind.Utc));
        request.LatencyMs.Should().Be(1.5);
    }

    [Theory]
    [InlineData("user.id")]
    [InlineData("enduser.id")]
    public void Map_WhenTheSpanNamesItsEndUserAndConversation_ShouldCarryBothForTheWriter(string attribute)
    {
        var request = Recorded(new() { ["gen_ai.request.model"] = "gpt-4o", [attribute] = "alice", ["gen_ai.conversation.id"] = "conv-42" });

        (request.UserId, request.EndUserId, request.ConversationId).Should().Be((7, "alice", "conv-42"));
    }

    [Fact]
    public void Map_WhenBothUserIdNamesAreSent_ShouldPreferUserId()
    {
        Recorded(new() { ["gen_ai.request.model"] = "gpt-4o", ["enduser.id"] = "old", ["user.id"] = "new" }).EndUserId.Should().Be("new");
    }

    [Fact]
    public void Map_WhenNoEndUserOrConversationIsNamed_ShouldLeaveThemToTheKeysUserAndTheIdleGap()
    {
        var request = Recorded(new() { ["gen_ai.request.model"] = "gpt-4o", ["user.id"] = string.Empty });

        (request.UserId, request.EndUserId, request.ConversationId).Should().Be((7, null, null));
    }

    [Fact]
    public void Map_WhenTheEndUserIdIsNotAString_ShouldRejectTheSpanNamingTheAttribute()
    {
        Mapper.Map(Span(new() { ["gen_ai.request.model"] = "gpt-4o", ["user.id"] = 42L }), 7, 9).Rejection
            .Should().Be("resourceSpans[0].scopeSpans[0].spans[0]: attribute 'user.id' must be a string.");
    }

    [Fact]
    public void Map_WhenTheResponseModelIsSent_ShouldRecordItRatherThanTheRequestedOne()
    {
        Recorded(new() { ["gen_ai.request.model"] = "gpt-4o", ["gen_ai.response.model"] = "gpt-4o-2024-11-20" }).ModelName.Should().Be("gpt-4o-2024-11-20");
    }

    [Fact]
    public void Map_WhenTheAppSentItsCost_ShouldKeepItExactlyToTenDecimals()
    {
        var request = Recorded(new() { ["gen_ai.request.model"] = "gpt-4o", ["gen_ai.usage.input_tokens"] = 100L, ["gen_ai.usage.cost"] = "0.000123456789" });

        request.CostUsd.Should().Be(0.0001234568m);
    }

    [Fact]
    public void Map_WhenTheModelHasNoPrice_ShouldLeaveTheCostUnknown()
    {
        Recorded(new() { ["gen_ai.request.model"] = "house-llm", ["gen_ai.usage.input_tokens"] = 100L }).CostUsd.Should().BeNull();
    }

    [Theory]
    [InlineData(SpanStatusCode.Unset, null, null, 200)]
    [InlineData(SpanStatusCode.Ok, null, 201L, 201)]
    [InlineData(SpanStatusCode.Error, null, null, 500)]
    [InlineData(SpanStatusCode.Error, "timeout", null, 500)]
    [InlineData(SpanStatusCode.Error, "429", null, 429)]
    [InlineData(SpanStatusCode.Error, "rate_limited", 429L, 429)]
    [InlineData(SpanStatusCode.Unset, "503", null, 503)]
    [InlineData(SpanStatusCode.Error, "42", 200L, 500)]
    public void Map_ShouldTakeTheStatusFromTheSpanStatusErrorTypeAndHttpStatus(SpanStatusCode status, string? errorType, long? httpStatus, int expected)
    {
        Recorded(new() { ["gen_ai.request.model"] = "gpt-4o", ["error.type"] = errorType, ["http.response.status_code"] = httpStatus }, status)
            .StatusCode.Should().Be(expected);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(2_147_483_648L)]
    [InlineData(1.5)]
    [InlineData("12 tokens")]
    [InlineData(true)]
    public void Map_WhenATokenCountIsNoCount_ShouldRejectTheSpanNamingTheAttribute(object value)
    {
        var mapping = Mapper.Map(Span(new() { ["gen_ai.request.model"] = "gpt-4o", ["gen_ai.usage.output_tokens"] = value }), 7, 9);

        mapping.Rejection.Should().Be("resourceSpans[0].scopeSpans[0].spans[0]: attribute 'gen_ai.usage.output_tokens' must be a whole number from 0 to 2147483647.");
    }

    [Fact]
    public void Map_WhenTheSpanEndsBeforeItStarts_ShouldRejectIt()
    {
        var span = Span(new() { ["gen_ai.request.model"] = "gpt-4o" }) with { EndTimeUnixNano = Start - 1 };

        Mapper.Map(span, 7, 9).Rejection.Should().Be("resourceSpans[0].scopeSpans[0].spans[0]: startTimeUnixNano must be set and endTimeUnixNano must not be before it.");
    }

    [Fact]
    public void Map_WhenTheModelNameHasAControlCharacter_ShouldRejectIt()
    {
        Mapper.Map(Span(new() { ["gen_ai.request.model"] = "gpt\n4o" }), 7, 9).Rejection.Should().Be(
            "resourceSpans[0].scopeSpans[0].spans[0]: the model name must not contain control characters such as nul, tab or line breaks.");
    }

    [Fact]
    public void Map_WhenOpenInferenceNamesAreSent_ShouldReadThem()
    {
        var request = Recorded(new()
        {
            ["openinference.span.kind"] = "EMBEDDING",
            ["llm.model_name"] = "gpt-4o",
            ["llm.token_count.prompt"] = 40L,
            ["llm.token_count.completion"] = 2L,
            ["llm.token_count.prompt_details.cache_read"] = 10L,
            ["llm.token_count.completion_details.reasoning"] = 1L,
        });

        (request.Endpoint, request.PromptTokens, request.CompletionTokens, request.TotalTokens, request.CachedInputTokens, request.ReasoningTokens)
            .Should().Be(("embeddings", 40, 2, 42, 10, 1));
    }

    [Fact]
    public void Map_WhenTimeToFirstChunkIsSentInSeconds_ShouldRecordMilliseconds()
    {
        Recorded(new() { ["gen_ai.request.model"] = "gpt-4o", ["gen_ai.response.time_to_first_chunk"] = 0.0425 }).TtftMs.Should().Be(42.5);
    }
}
