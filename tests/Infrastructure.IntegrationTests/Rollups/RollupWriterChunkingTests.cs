using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanDashboard.Infrastructure.IntegrationTests.Rollups;

/// <summary>A batch with more rollup rows than one multi-row statement binds, written twice: every chunk's sums and sketches arrive.</summary>
public sealed class RollupWriterChunkingTests : IAsyncLifetime
{
    // 5,000 cube rows: over one upsert chunk (32,766 / 16 values = 2,047 rows) and one sketch read or write-back chunk (32,766 / 7 = 4,680).
    private const int Users = 5_000;
    private static readonly DateTime Hour = new(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void RowsPerStatement_ForACubeRow_ShouldStayUnderTheParameterLimit()
    {
        MultiRowStatement.RowsPerStatement(16).Should().Be(2_047);
        MultiRowStatement.RowsPerStatement(7).Should().Be(4_680);
    }

    [Fact]
    public async Task WriteAsync_WhenABatchSpansSeveralChunksTwice_ShouldAddEveryRowAndMergeEverySketch()
    {
        await WriteBatchAsync(); // every row new: sketches inserted with the upsert
        await WriteBatchAsync(); // every row there: sketches read, merged and written back in chunks

        var cubes = await _database.QueryAsync(db => db.HourlyRequestCubes.AsNoTracking().OrderBy(c => c.UserId).ToListAsync());
        cubes.Should().HaveCount(Users);
        cubes.Select(c => c.UserId).Should().Equal(Enumerable.Range(1, Users));
        cubes.Should().OnlyContain(c => c.Requests == 2 && c.ApiKeyId == c.UserId && c.LatencyUs == 2_000L * c.UserId);
        foreach (var cube in cubes)
        {
            var sketch = LatencySketch.FromBytes(cube.LatencySketch);
            sketch.Count.Should().Be(2, $"user {cube.UserId}'s two requests");
            sketch.Percentile(50)!.Value.Should().BeApproximately(1_000.0 * cube.UserId, 5.0 * cube.UserId);
        }

        var users = await _database.QueryAsync(db => db.HourlyRequestRollups.AsNoTracking().Where(r => r.Dimension == RollupDimension.User).ToListAsync());
        users.Should().HaveCount(Users).And.OnlyContain(r => r.Requests == 2);
        var total = await _database.QueryAsync(db => db.DailyRequestRollups.AsNoTracking().SingleAsync(r => r.Dimension == RollupDimension.Total));
        total.Requests.Should().Be(2 * Users);
        LatencySketch.FromBytes(total.LatencySketch).Count.Should().Be(2 * Users);
        (await _database.QueryAsync(db => db.HourlyActiveUsers.CountAsync())).Should().Be(Users);
    }

    /// <summary>One request per user 1..5,000 (key = user), user i's latency i ms.</summary>
    private Task WriteBatchAsync() =>
        _database.ExecuteAsync(async db =>
        {
            var batch = new RollupBatch();
            for (var user = 1; user <= Users; user++)
            {
                batch.AddRequest(new RolledRequest(Hour.AddSeconds(user % 3_600), "m", "DE", 200, user, null, 10, 0.001m, user, user, "/v1/chat/completions", "gateway"));
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            await new RollupWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction()).WriteAsync(batch, CancellationToken.None);
            await transaction.CommitAsync();
        });
}
