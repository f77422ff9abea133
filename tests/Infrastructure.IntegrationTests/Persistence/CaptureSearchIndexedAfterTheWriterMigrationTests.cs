using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.ReadStores;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// SQLite: before this migration the writer indexed each capture in its own batch. The migration starts the indexer's
/// progress at the last capture, so those are not indexed a second time (decision 130).
/// </summary>
public sealed class CaptureSearchIndexedAfterTheWriterMigrationTests : IAsyncLifetime
{
    private readonly DatabaseBeforeMigration _db = new("_CaptureSearchIndexedAfterTheWriter");

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Migrate_WhenCapturesWereIndexedByTheWriter_ShouldStartTheProgressAtTheLastOne()
    {
        Assert.SkipUnless(_db.HasMigration, "A SQLite migration: PostgreSQL indexes in the writer's insert.");
        await using (var scope = _db.Services.CreateAsyncScope())
        {
            var capture = new CapturedExchange
            {
                RequestBody = CaptureCompression.Compress("walnut archive"),
                ResponseText = CaptureCompression.Compress("ok"),
                SearchText = "walnut archive\nok",
                Redactions = new SortedDictionary<string, int>(StringComparer.Ordinal),
            };
            await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(
                [.. Enumerable.Range(0, 3).Select(i => new TrackedRequest
                {
                    CreatedAt = new DateTime(2024, 3, 1, 10, 0, i, DateTimeKind.Utc),
                    Endpoint = "/v1/chat/completions",
                    Method = "POST",
                    StatusCode = 200,
                    LatencyMs = 10,
                    ModelName = "gpt-4o",
                    Capture = capture,
                })],
                CancellationToken.None);
        }

        // What the writer before this migration did in the same batch.
        await _db.ExecuteAsync(db => db.Database.ExecuteSqlRawAsync($"""INSERT INTO "{CaptureSearchSql.SqliteTable}" (rowid, text) SELECT "Id", 'walnut archive' FROM "request_captures" """));
        _db.Services.GetRequiredService<CaptureSearchTexts>().ForgetThrough(long.MaxValue);

        await _db.ExecuteAsync(db => db.Database.MigrateAsync());

        var lastCapture = await _db.QueryAsync(db => db.RequestCaptures.MaxAsync(c => c.Id));
        (await _db.SqlColumnAsync($"""SELECT "LastCaptureId" FROM "{CaptureSearchSql.SqliteProgressTable}" """)).Should().Equal(lastCapture);
        (await _db.Services.GetRequiredService<CaptureSearchIndexer>().CatchUpAsync(CancellationToken.None)).Should().Be(0);
        (await _db.QueryAsync(db => CaptureSearch.RequestLogIdsMatching(db, "walnut archive").CountAsync())).Should().Be(3);
    }
}
