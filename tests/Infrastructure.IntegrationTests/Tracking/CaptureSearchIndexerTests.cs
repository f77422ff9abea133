using System.Text;
using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Capture.Redaction;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.ReadStores;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Tracking;

/// <summary>
/// SQLite's full-text rows are written after the writer's commit (decision 130): from the text the writer handed over,
/// or rebuilt from the stored bodies when this process has none; the progress moves in the same commit.
/// </summary>
public sealed class CaptureSearchIndexerTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly CaptureBuilder Builder = new(new CaptureOptions { Enabled = true }, Redactor.From(new CaptureOptions()));
    private readonly TestDatabase _db = new();

    public async ValueTask InitializeAsync() => await _db.InitializeAsync();

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private CaptureSearchIndexer Indexer => _db.Services.GetRequiredService<CaptureSearchIndexer>();

    [Fact]
    public async Task CatchUpAsync_AfterTheWritersCommit_ShouldIndexTheHandedOverTextsOnceAndMoveTheProgress()
    {
        Assert.SkipWhen(_db.IsPostgres, "PostgreSQL's tsvector is written by the writer's insert (see the next test).");
        await WriteAsync(Entry(0, "quiet harbour at dawn", "the tide is low"), Entry(1, null, null), Entry(2, "amber falcon report", "wrote back"));
        var logs = await _db.QueryAsync(db => db.RequestLogs.AsNoTracking().OrderBy(l => l.Id).Select(l => l.Id).ToListAsync());
        var captureIds = await _db.QueryAsync(db => db.RequestCaptures.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());

        (await MatchingAsync("amber falcon")).Should().BeEmpty("the writer's batch no longer writes the index");
        _db.Services.GetRequiredService<CaptureSearchTexts>().Count.Should().Be(2);

        (await Indexer.CatchUpAsync(CancellationToken.None)).Should().Be(2);
        (Indexer.Indexed, Indexer.Rebuilt).Should().Be((2, 0));
        _db.Services.GetRequiredService<CaptureSearchTexts>().Count.Should().Be(0);
        (await MatchingAsync("amber falcon")).Should().Equal(logs[2]);
        (await MatchingAsync("tide is low")).Should().Equal(logs[0]);
        (await MatchingAsync("messages")).Should().BeEmpty("JSON property names are not indexed");
        (await ProgressAsync()).Should().Be(captureIds[^1]);
        (await Indexer.CatchUpAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task CatchUpAsync_OnPostgres_ShouldFindNothingToDoBecauseTheWriterIndexed()
    {
        Assert.SkipUnless(_db.IsPostgres, "On SQLite the indexer writes the index (the test above).");
        await WriteAsync(Entry(0, "amber falcon report", "wrote back"));
        var log = await _db.QueryAsync(db => db.RequestLogs.AsNoTracking().Select(l => l.Id).SingleAsync());

        (await MatchingAsync("amber falcon")).Should().Equal(log);
        (await Indexer.CatchUpAsync(CancellationToken.None)).Should().Be(0);
        Indexer.Applies.Should().BeFalse();
    }

    [Fact]
    public async Task CatchUpAsync_WhenTheProcessLostTheTexts_ShouldRebuildThemFromTheStoredRedactedBodies()
    {
        Assert.SkipWhen(_db.IsPostgres, "PostgreSQL's tsvector is written by the writer's insert.");
        await WriteAsync(Entry(0, "violet otter ledger, mail owner@example.com", "counted twice"), Entry(1, "silver kettle", "boils"));
        var logs = await _db.QueryAsync(db => db.RequestLogs.AsNoTracking().OrderBy(l => l.Id).Select(l => l.Id).ToListAsync());

        // A restart, or more text waiting than CaptureSearchTexts keeps: only the stored bodies are left.
        _db.Services.GetRequiredService<CaptureSearchTexts>().ForgetThrough(long.MaxValue);

        (await Indexer.CatchUpAsync(CancellationToken.None)).Should().Be(2);
        (Indexer.Indexed, Indexer.Rebuilt).Should().Be((2, 2));
        (await MatchingAsync("violet otter ledger")).Should().Equal(logs[0]);
        (await MatchingAsync("redacted email")).Should().Equal(logs[0]);
        (await MatchingAsync("example.com")).Should().BeEmpty("the index holds the redacted text only");
        (await MatchingAsync("boils")).Should().Equal(logs[1]);
        (await MatchingAsync("messages")).Should().BeEmpty();
    }

    [Fact]
    public async Task CatchUpAsync_WhenACaptureIsDeletedBeforeItsTurn_ShouldIndexTheOthersAndMovePastIt()
    {
        Assert.SkipWhen(_db.IsPostgres, "PostgreSQL's tsvector is written by the writer's insert.");
        await WriteAsync(Entry(0, "first cedar", "a"), Entry(1, "second cedar", "b"), Entry(2, "third cedar", "c"));
        var captureIds = await _db.QueryAsync(db => db.RequestCaptures.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        await _db.ExecuteAsync(db => db.RequestCaptures.Where(c => c.Id == captureIds[2]).ExecuteDeleteAsync());
        await _db.ExecuteAsync(db => db.RequestCaptures.Where(c => c.Id == captureIds[1]).ExecuteDeleteAsync());

        (await Indexer.CatchUpAsync(CancellationToken.None)).Should().Be(1);
        (await MatchingAsync("cedar")).Should().HaveCount(1);
        (await ProgressAsync()).Should().Be(captureIds[0]);

        await WriteAsync(Entry(3, "fourth cedar", "d"));
        (await Indexer.CatchUpAsync(CancellationToken.None)).Should().Be(1);
        (await MatchingAsync("cedar")).Should().HaveCount(2);
        (await ProgressAsync()).Should().Be(captureIds[2] + 1, "SQLite's AUTOINCREMENT does not reuse a deleted id");
    }

    [Fact]
    public async Task Health_ShouldSayHowFarTheIndexerGotAndBeDegradedNamingTheErrorWhileAPassFails()
    {
        Assert.SkipWhen(_db.IsPostgres, "PostgreSQL's tsvector is written by the writer's insert.");
        await using var scope = _db.Services.CreateAsyncScope();
        var health = scope.ServiceProvider.GetServices<IHealthContributor>().Single(c => c.Name == "captureSearch");
        (await health.CheckAsync(CancellationToken.None)).Should().Be(new HealthCheckDto(HealthStatus.Healthy, "not run yet"));

        await WriteAsync(Entry(0, "copper bell", "rings"), Entry(1, "tin drum", "beats"));
        _db.Services.GetRequiredService<CaptureSearchTexts>().TryTake(await _db.QueryAsync(db => db.RequestLogs.MinAsync(l => l.Id)), out _).Should().BeTrue();
        await Indexer.CatchUpAsync(CancellationToken.None);
        (await health.CheckAsync(CancellationToken.None)).Should().Be(new HealthCheckDto(
            HealthStatus.Healthy, $"caught up at {TestDatabase.DefaultNow:yyyy-MM-dd HH:mm:ss} UTC; 2 indexed since the start (1 from stored bodies), 0 waiting"));

        await _db.SqlColumnAsync($"""DROP TABLE "{CaptureSearchSql.SqliteProgressTable}" """);
        await WriteAsync(Entry(2, "brass horn", "blows"));
        var failing = () => Indexer.CatchUpAsync(CancellationToken.None);
        await failing.Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>();
        (await health.CheckAsync(CancellationToken.None)).Should().Be(new HealthCheckDto(
            HealthStatus.Degraded, "Indexing captured text failed: SQLite Error 1: 'no such table: capture_search_progress'.; search misses the newest captures"));
    }

    private async Task<long> ProgressAsync() =>
        (long)(await _db.SqlColumnAsync($"""SELECT "LastCaptureId" FROM "{CaptureSearchSql.SqliteProgressTable}" """)).Single()!;

    private Task<List<long>> MatchingAsync(string phrase) => _db.QueryAsync(db => CaptureSearch.RequestLogIdsMatching(db, phrase).ToListAsync());

    private async Task WriteAsync(params TrackedRequest[] batch)
    {
        await using var scope = _db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(batch, CancellationToken.None);
    }

    /// <summary>A chat request and its JSON answer as the gateway captures them (property names and roles are not indexed).</summary>
    private static TrackedRequest Entry(int second, string? prompt, string? answer)
    {
        CapturedExchange? capture = null;
        if (prompt is not null)
        {
            var request = Encoding.UTF8.GetBytes($$"""{"model":"gpt-4o","messages":[{"role":"user","content":"{{prompt}}"}]}""");
            capture = Builder.Build(request, request.Length, $$$"""{"choices":[{"message":{"role":"assistant","content":"{{{answer}}}"}}]}""", responseTruncated: false, "application/json", "test");
        }

        return new TrackedRequest
        {
            CreatedAt = Start.AddSeconds(second),
            Endpoint = "/v1/chat/completions",
            Method = "POST",
            StatusCode = 200,
            LatencyMs = 10,
            ModelName = "gpt-4o",
            IpAddress = "203.0.113.1",
            Capture = capture,
        };
    }
}
