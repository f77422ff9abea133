using CleanDashboard.Application;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Tracking;

/// <summary>Two app instances' writers on one PostgreSQL database, adding to the same day, model and cube key (sums and sketches) at the same time.</summary>
public sealed class ConcurrentWritersTests : IAsyncLifetime
{
    private const int BatchesPerWriter = 25;
    private const int EntriesPerBatch = 4;
    private static readonly DateTime At = new(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task WriteAsync_WhenTwoInstancesWriteTheSameModelAndDay_ShouldLoseNoSum()
    {
        Assert.SkipUnless(_database.IsPostgres, "Several instances share a PostgreSQL database; a SQLite file has one writer.");
        await using var other = SecondInstance();
        await WriteAsync(_database.Services, 0); // the day's row exists before the race, as it does after its first batch

        await Task.WhenAll(
            Task.Run(async () => { for (var i = 1; i <= BatchesPerWriter; i++) await WriteAsync(_database.Services, i); }),
            Task.Run(async () => { for (var i = 1; i <= BatchesPerWriter; i++) await WriteAsync(other, i); }));

        var stats = await _database.QueryAsync(db => db.ModelUsageStats.SingleAsync());
        var expected = (1 + (2 * BatchesPerWriter)) * EntriesPerBatch;                   // 51 batches of 4 = 204
        stats.TotalRequests.Should().Be(expected);
        stats.TotalTokens.Should().Be(expected * 10L);                                   // 10 tokens each
        stats.TotalCost.Should().Be(expected * 0.0001m);                                 // 0.0204
        stats.TotalLatencyUs.Should().Be(expected * 2_500L);                             // 2.5 ms each
        var rolledUp = await _database.QueryAsync(db => db.DailyRequestRollups.SingleAsync(r => r.Dimension == RollupDimension.Model));
        rolledUp.Requests.Should().Be(expected);
        var total = await _database.QueryAsync(db => db.HourlyRequestRollups.SingleAsync(r => r.Dimension == RollupDimension.Total));
        total.LatencyUs.Should().Be(expected * 2_500L);
        LatencySketch.FromBytes(total.LatencySketch).Count.Should().Be(expected);         // no sketch bin lost to a race
        var cube = await _database.QueryAsync(db => db.HourlyRequestCubes.SingleAsync());  // one shared cube key
        cube.Requests.Should().Be(expected);
        cube.Tokens.Should().Be(expected * 10L);
        var sketch = LatencySketch.FromBytes(cube.LatencySketch);
        sketch.Count.Should().Be(expected);
        sketch.Percentile(99)!.Value.Should().BeApproximately(2_500, 12.5);               // every bin is the 2.5 ms bin (±0.5 %)
        LatencySketch.FromBytes((await _database.QueryAsync(db => db.DailyRequestCubes.SingleAsync())).LatencySketch).Count.Should().Be(expected);
    }

    private static async Task WriteAsync(IServiceProvider services, int batch)
    {
        var entries = Enumerable.Range(0, EntriesPerBatch)
            .Select(i => new TrackedRequest
            {
                CreatedAt = At.AddSeconds((batch * EntriesPerBatch) + i),
                Endpoint = "/v1/chat/completions",
                Method = "POST",
                StatusCode = 200,
                LatencyMs = 2.5,
                ModelName = "shared-model",
                TotalTokens = 10,
                CostUsd = 0.0001m,
            })
            .ToList();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(entries, CancellationToken.None);
    }

    private ServiceProvider SecondInstance()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Target.Settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddApplication()
            .AddInfrastructure(configuration)
            .BuildServiceProvider();
    }
}
