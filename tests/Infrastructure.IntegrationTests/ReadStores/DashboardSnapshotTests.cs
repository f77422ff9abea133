using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.ReadStores;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.ReadStores;

/// <summary>The dashboard's pinned snapshot (decision 114) on the real database: rows committed after it is taken stay unseen until it ends.</summary>
public sealed class DashboardSnapshotTests : IAsyncLifetime
{
    // A window inside one hour, away from its start: read from the raw rows only, so no rollup is involved.
    private static readonly DateTime From = new(2024, 3, 1, 10, 10, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2024, 3, 1, 10, 20, 0, DateTimeKind.Utc);

    private readonly TestDatabase _database = new();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Reads_InsideAPinnedSnapshot_ShouldNotSeeRowsCommittedAfterItWasTakenAndSeeThemAfterwards()
    {
        await InsertAsync(From.AddMinutes(1));
        await using var scope = _database.Services.CreateAsyncScope();
        var store = new DashboardReadStore(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
        var cancellationToken = TestContext.Current.CancellationToken;

        long first, second;
        await using (await store.BeginSnapshotAsync(cancellationToken))
        {
            await InsertAsync(From.AddMinutes(2));
            first = await RequestsAsync(store, cancellationToken);
            await InsertAsync(From.AddMinutes(3));
            second = await RequestsAsync(store, cancellationToken);
        }

        var after = await RequestsAsync(store, cancellationToken);

        // Both reads see the one row committed before the snapshot; the two committed inside it show once it ends.
        (first, second, after).Should().Be((1L, 1L, 3L));
    }

    private static async Task<long> RequestsAsync(DashboardReadStore store, CancellationToken cancellationToken)
    {
        var buckets = await store.GetRequestBucketsAsync(From, To, [From], DashboardFilter.None, cancellationToken);
        return buckets.Sum(b => b.Success + b.Error);
    }

    private Task InsertAsync(DateTime at) => _database.ExecuteAsync(async db =>
    {
        db.RequestLogs.Add(new RequestLog
        {
            CreatedAt = at,
            Endpoint = "/v1/chat/completions",
            Method = "POST",
            StatusCode = 200,
            LatencyMs = 100,
            ModelName = "llama3.2",
            CountryCode = "US",
            IpAddress = "203.0.113.10",
        });
        await db.SaveChangesAsync();
    });
}
