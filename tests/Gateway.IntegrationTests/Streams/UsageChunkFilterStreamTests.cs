using System.Text;
using CleanDashboard.WebApi.Gateway;

namespace CleanDashboard.Gateway.IntegrationTests.Streams;

/// <summary>The filter on its own: which events reach the client, however the upstream's bytes are cut into writes.</summary>
public sealed class UsageChunkFilterStreamTests
{
    private const string Content = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],\"usage\":null}\n\n";
    private const string Usage = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\n";
    private const string Done = "data: [DONE]\n\n";

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task WriteAsync_WhenUsageChunkArrivesInPieces_ShouldWithholdItAndPassEverythingElse(int writeSize)
    {
        var (passed, withheld) = await FilterAsync(Content + Content + Usage + Done, writeSize);

        passed.Should().Be(Content + Content + Done);
        withheld.Should().Equal(Usage);
    }

    [Fact]
    public async Task WriteAsync_WhenEventsEndWithCrLfAndJsonHasSpaces_ShouldStillFindTheUsageChunk()
    {
        var usage = "data: {\"choices\": [], \"usage\": {\"prompt_tokens\": 5}}\r\n\r\n";

        var (passed, withheld) = await FilterAsync(Content.Replace("\n", "\r\n", StringComparison.Ordinal) + usage + "data: [DONE]\r\n\r\n", 4096);

        passed.Should().Be(Content.Replace("\n", "\r\n", StringComparison.Ordinal) + "data: [DONE]\r\n\r\n");
        withheld.Should().Equal(usage);
    }

    [Fact]
    public async Task WriteAsync_WhenEmptyChoicesCarryNoUsage_ShouldPassTheEvent()
    {
        // Azure's prompt-filter chunk has empty choices and no usage: it is the upstream's own, not the gateway's to remove.
        const string filterResults = "data: {\"choices\":[],\"prompt_filter_results\":[],\"usage\":null}\n\n";

        var (passed, withheld) = await FilterAsync(filterResults + Content + Done, 4096);

        passed.Should().Be(filterResults + Content + Done);
        withheld.Should().BeEmpty();
    }

    [Fact]
    public async Task CompleteAsync_WhenLastEventIsUnterminated_ShouldWriteIt()
    {
        var (passed, _) = await FilterAsync(Content + "data: [DONE]", 4096);

        passed.Should().Be(Content + "data: [DONE]");
    }

    private static async Task<(string Passed, List<string> Withheld)> FilterAsync(string stream, int writeSize)
    {
        using var client = new MemoryStream();
        var withheld = new List<string>();
        await using var filter = new UsageChunkFilterStream(client, bytes => withheld.Add(Encoding.UTF8.GetString(bytes)));
        var bytes = Encoding.UTF8.GetBytes(stream);
        for (var at = 0; at < bytes.Length; at += writeSize)
        {
            await filter.WriteAsync(bytes.AsMemory(at, Math.Min(writeSize, bytes.Length - at)), TestContext.Current.CancellationToken);
        }

        await filter.CompleteAsync(TestContext.Current.CancellationToken);
        return (Encoding.UTF8.GetString(client.ToArray()), withheld);
    }
}
