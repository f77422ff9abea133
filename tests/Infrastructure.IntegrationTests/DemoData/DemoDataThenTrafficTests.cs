using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.Infrastructure.ReadStores;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.DemoData;

/// <summary>Demo data writes its own ids; live traffic tracked afterwards must be numbered after them and rolled up with them.</summary>
public sealed class DemoDataThenTrafficTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task WriteAsync_WhenTrafficArrivesAfterDemoData_ShouldNumberItAfterTheDemoRowsAndCountItInTheRollups()
    {
        var demo = await _database.InScopeAsync(sp => sp.GetRequiredService<DemoDataGenerator>()
            .GenerateAsync(new DemoDataOptions(Days: 1, Users: 2, RequestsPerDay: 300, Seed: 3), null, CancellationToken.None));
        var userId = await _database.QueryAsync(db => db.Users.Where(u => u.Name == "demo-user-1").Select(u => u.Id).SingleAsync());
        var now = TestDatabase.DefaultNow.UtcDateTime;

        await _database.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<RequestLogBatchWriter>().WriteAsync(
                [new TrackedRequest { CreatedAt = now, Endpoint = "/v1/chat/completions", Method = "POST", StatusCode = 200, LatencyMs = 12.5, ModelName = "live-model", UserId = userId }],
                CancellationToken.None);
            return 0;
        });

        var live = await _database.QueryAsync(db => db.RequestLogs.SingleAsync(r => r.ModelName == "live-model"));
        live.Id.Should().Be(demo.RequestLogs + 1);
        var models = await _database.QueryAsync(db => new DashboardReadStore(db).GetTopModelsAsync(now.Date, now, 100, Application.Dashboard.Common.DashboardFilter.None, CancellationToken.None));
        models.Should().ContainEquivalentOf(new Application.Dashboard.Common.LabelCount("live-model", 1));
        var total = await _database.QueryAsync(db => db.HourlyRequestRollups.Where(r => r.Dimension == Domain.Enums.RollupDimension.Total).SumAsync(r => r.Requests));
        total.Should().Be(demo.RequestLogs + 1);
    }
}
