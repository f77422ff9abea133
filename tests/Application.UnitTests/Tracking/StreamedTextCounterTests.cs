using System.Text;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Application.UnitTests.Tracking;

public sealed class StreamedTextCounterTests
{
    [Theory]
    [InlineData("openai-chat-stream-cached.sse", "gpt-4o-mini-2024-07-18", "Cached prompts are cheaper.")]
    [InlineData("openai-responses-stream.sse", "gpt-4.1-2025-04-14", "Hello there!")]
    [InlineData("anthropic-messages-stream-cache.sse", "claude-3-5-haiku-20241022", "Okay, here is the summary.")]
    [InlineData("ollama-chat-stream.ndjson", "llama3.2:latest", "The sky")]
    public void CountTokens_WhenRecordedStreamArrivesInSmallWrites_ShouldCountOnlyTheGeneratedText(string fixture, string model, string generated)
    {
        var counter = new StreamedTextCounter(model);
        var body = ProviderAnswerFixtures.Read(fixture);

        for (var at = 0; at < body.Length; at += 7)
        {
            counter.Append(body.AsSpan(at, Math.Min(7, body.Length - at)));
        }

        counter.SawText.Should().BeTrue();
        counter.CountTokens().Should().Be(ModelTokenizer.CountTokens(model, generated));
    }

    [Fact]
    public void CountTokens_WhenTextSpansSeveralCountingBlocks_ShouldCountEveryWord()
    {
        // " word" is one token in o200k_base: 5,000 pieces are 25,000 characters, more than one 16 KiB block.
        var counter = new StreamedTextCounter("gpt-4o");
        for (var i = 0; i < 5_000; i++)
        {
            counter.Append(Encoding.UTF8.GetBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" word\"}}]}\n\n"));
        }

        counter.CountTokens().Should().Be(5_000);
    }

    [Fact]
    public void CountTokens_WhenCompletionsStream_ShouldCountChoiceText()
    {
        var counter = new StreamedTextCounter("gpt-3.5-turbo-instruct");

        counter.Append("data: {\"object\":\"text_completion\",\"choices\":[{\"text\":\" Hello\",\"index\":0}]}\n\ndata: {\"choices\":[{\"text\":\" world\",\"index\":0}]}\n\ndata: [DONE]\n\n"u8);

        counter.CountTokens().Should().Be(2, "\" Hello\" and \" world\" are one cl100k_base token each");
    }

    [Fact]
    public void CountTokens_WhenNothingWasGenerated_ShouldBeZero()
    {
        var counter = new StreamedTextCounter("gpt-4o");

        counter.Append("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"u8);

        counter.SawText.Should().BeFalse();
        counter.CountTokens().Should().Be(0);
    }

    [Theory]
    [InlineData("gpt-4o-mini", "o200k_base")]
    [InlineData("openai/gpt-4.1", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("gpt-5", "o200k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("llama3.2:latest", "cl100k_base")]
    [InlineData("", "cl100k_base")]
    public void EncodingName_ShouldFollowTheModelFamily(string model, string encoding) =>
        ModelTokenizer.EncodingName(model).Should().Be(encoding);
}
