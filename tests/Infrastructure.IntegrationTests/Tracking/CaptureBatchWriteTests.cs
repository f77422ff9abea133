using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.ReadStores;
using CleanDashboard.Infrastructure.Rollups;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Tracking;

/// <summary>A batch's captures go in as multi-row statements (decision 117), each on its own request log, and their text is found by search.</summary>
public sealed class CaptureBatchWriteTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _db = new();

    public async ValueTask InitializeAsync() => await _db.InitializeAsync();

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task WriteAsync_WhenSomeEntriesAreCaptured_ShouldStoreEachCaptureOnItsRequestLogAndIndexItsText()
    {
        await WriteAsync(
            Entry(0, Capture("quiet harbour at dawn", "the tide is low")),
            Entry(1, capture: null),
            Entry(2, Capture("amber falcon report", "[redacted:email] wrote back") with
            {
                RequestTruncated = true,
                CapBytes = 1_024,
                Redactions = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["email"] = 2 },
                ContentType = "application/json",
                UserAgent = "openai-python/1.54.0",
            }),
            Entry(3, Capture("green lantern notes", "nothing to add")));

        var logs = await _db.QueryAsync(db => db.RequestLogs.AsNoTracking().ToDictionaryAsync(l => l.CreatedAt, l => l.Id));
        var captures = await _db.QueryAsync(db => db.RequestCaptures.AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync());

        captures.Select(c => (c.RequestLogId, c.CreatedAt)).Should().Equal((logs[At(0)], At(0)), (logs[At(2)], At(2)), (logs[At(3)], At(3)));
        captures.Select(c => (CaptureCompression.Decompress(c.RequestBody), CaptureCompression.Decompress(c.ResponseText)))
            .Should().Equal(("quiet harbour at dawn", "the tide is low"), ("amber falcon report", "[redacted:email] wrote back"), ("green lantern notes", "nothing to add"));
        var truncated = captures[1];
        (truncated.RequestTruncated, truncated.ResponseTruncated, truncated.CapBytes, truncated.Redactions, truncated.ContentType, truncated.UserAgent)
            .Should().Be((true, false, 1_024, """{"email":2}""", "application/json", "openai-python/1.54.0"));
        (captures[0].RequestTruncated, captures[0].CapBytes, captures[0].Redactions, captures[0].ContentType).Should().Be((false, 262_144, "{}", string.Empty));

        (await MatchingAsync("amber falcon")).Should().Equal(logs[At(2)]);
        (await MatchingAsync("tide is low")).Should().Equal(logs[At(0)]);
        (await MatchingAsync("lantern")).Should().Equal(logs[At(3)]);
        (await MatchingAsync("falcon amber")).Should().BeEmpty();
    }

    [Fact]
    public async Task WriteAsync_WhenABatchHasMoreCapturesThanOneStatementBinds_ShouldStoreAndIndexEveryOne()
    {
        // 10 values per capture row: 3,276 rows per statement, so 3,300 captures take two chunks.
        MultiRowStatement.RowsPerStatement(10).Should().Be(3_276);
        const int Count = 3_300;
        await WriteAsync([.. Enumerable.Range(0, Count).Select(i => Entry(i, Capture($"chunked request marker{i}", $"answer {i}")))]);

        var logs = await _db.QueryAsync(db => db.RequestLogs.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.CreatedAt));
        var captures = await _db.QueryAsync(db => db.RequestCaptures.AsNoTracking().ToListAsync());

        captures.Should().HaveCount(Count);
        captures.Should().OnlyContain(c => logs[c.RequestLogId] == c.CreatedAt);
        captures.Select(c => CaptureCompression.Decompress(c.RequestBody)).Order(StringComparer.Ordinal)
            .Should().Equal(Enumerable.Range(0, Count).Select(i => $"chunked request marker{i}").Order(StringComparer.Ordinal));
        (await MatchingAsync("chunked request")).Should().HaveCount(Count).And.OnlyHaveUniqueItems();
        foreach (var i in new[] { 0, 3_275, 3_276, Count - 1 })
        {
            (await MatchingAsync($"marker{i}")).Select(id => logs[id]).Should().Equal(At(i));
        }
    }

    [Fact]
    public async Task WriteAsync_WhenPlainRowsSurroundCapturedOnes_ShouldNumberEveryRowInBatchOrderAndKeepEveryColumn()
    {
        // On PostgreSQL the plain rows are copied (decision 128): rows 0-1 before the captured row 2 takes its id, 3-5 after it.
        var full = Entry(1, capture: null) with
        {
            StatusCode = 429,
            LatencyMs = 1234.5678,
            TtftMs = 87.25,
            PromptTokens = 11,
            CompletionTokens = 7,
            TotalTokens = 18,
            CostUsd = 0.0000012345m,
            CountryCode = "DE",
            Upstream = "azure-eu",
            CachedInputTokens = 3,
            CacheCreationTokens = 2,
            ReasoningTokens = 5,
            UsageEstimated = true,
            Source = "otlp",
            Method = "PUT",
            Endpoint = "/v1/responses",
            ModelName = "o3-mini",
        };
        await WriteAsync(Entry(0, capture: null), full, Entry(2, Capture("ordered marker", "ok")), Entry(3, capture: null), Entry(4, capture: null), Entry(5, capture: null));

        var logs = await _db.QueryAsync(db => db.RequestLogs.AsNoTracking().OrderBy(l => l.Id).ToListAsync());
        logs.Select(l => l.CreatedAt).Should().Equal(Enumerable.Range(0, 6).Select(At));
        var copied = logs[1];
        (copied.StatusCode, copied.LatencyMs, copied.TtftMs, copied.PromptTokens, copied.CompletionTokens, copied.TotalTokens, copied.CostUsd, copied.CountryCode)
            .Should().Be((429, 1234.5678, 87.25, 11, 7, 18, 0.0000012345m, "DE"));
        (copied.Upstream, copied.CachedInputTokens, copied.CacheCreationTokens, copied.ReasoningTokens, copied.UsageEstimated, copied.Source, copied.Method, copied.Endpoint, copied.ModelName, copied.IpAddress)
            .Should().Be(("azure-eu", 3, 2, 5, true, "otlp", "PUT", "/v1/responses", "o3-mini", "203.0.113.1"));
        (logs[0].TtftMs, logs[0].CostUsd, logs[0].Upstream, logs[0].UsageEstimated, logs[0].Source).Should().Be((null, null, null, false, "gateway"));
        (await MatchingAsync("ordered marker")).Should().Equal(logs[2].Id);
    }

    private Task<List<long>> MatchingAsync(string phrase) => _db.QueryAsync(db => CaptureSearch.RequestLogIdsMatching(db, phrase).ToListAsync());

    private async Task WriteAsync(params TrackedRequest[] batch)
    {
        await using var scope = _db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(batch, CancellationToken.None);

        // On SQLite the full-text rows follow the commit (decision 130; CaptureSearchIndexerTests).
        await _db.Services.GetRequiredService<CaptureSearchIndexer>().CatchUpAsync(CancellationToken.None);
    }

    private static DateTime At(int second) => Start.AddSeconds(second);

    private static CapturedExchange Capture(string request, string response) => new()
    {
        RequestBody = CaptureCompression.Compress(request),
        ResponseText = CaptureCompression.Compress(response),
        SearchText = request + "\n" + response,
        CapBytes = 262_144,
        Redactions = new SortedDictionary<string, int>(StringComparer.Ordinal),
    };

    private static TrackedRequest Entry(int second, CapturedExchange? capture) => new()
    {
        CreatedAt = At(second),
        Endpoint = "/v1/chat/completions",
        Method = "POST",
        StatusCode = 200,
        LatencyMs = 10,
        ModelName = "gpt-4o",
        IpAddress = "203.0.113.1",
        Capture = capture,
    };
}
