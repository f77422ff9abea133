using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.DemoData;

/// <summary>The rule "in demo mode, an empty database gets demo data", on a real database at now = 2024-03-01T10:37:12Z.</summary>
public sealed class DemoDataSeederTests
{
    // The options of DemoDataGeneratorTests, whose fixed seed and clock make 2,572 request logs.
    private static readonly DemoDataOptions SmallDemo = new(Days: 2, Users: 2, Seed: 7);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeedWhenEmptyAsync_WhenDemoModeMeetsAnEmptyDatabase_ShouldGenerateTheDemoTraffic()
    {
        await using var database = await DatabaseAsync(demoMode: true);

        var result = await SeedAsync(database);

        result!.RequestLogs.Should().Be(2572);
        (await database.QueryAsync(db => db.RequestLogs.CountAsync(Ct))).Should().Be(2572);
    }

    [Fact]
    public async Task SeedWhenEmptyAsync_WhenTheDatabaseHasARequestLog_ShouldLeaveItAsItIs()
    {
        await using var database = await DatabaseAsync(demoMode: true);
        await database.ExecuteAsync(db =>
        {
            db.RequestLogs.Add(RequestLogBuilder.ChatAt(TestDatabase.DefaultNow.UtcDateTime.AddHours(-1)).Build());
            return db.SaveChangesAsync(Ct);
        });

        var result = await SeedAsync(database);

        result.Should().BeNull();
        (await database.QueryAsync(db => db.RequestLogs.CountAsync(Ct))).Should().Be(1);
    }

    [Fact]
    public async Task SeedWhenEmptyAsync_WhenDemoModeIsOff_ShouldGenerateNothing()
    {
        await using var database = await DatabaseAsync(demoMode: false);

        var result = await SeedAsync(database);

        result.Should().BeNull();
        (await database.QueryAsync(db => db.RequestLogs.CountAsync(Ct))).Should().Be(0);
    }

    private static Task<DemoDataResult?> SeedAsync(TestDatabase database) =>
        database.Services.GetRequiredService<DemoDataSeeder>().SeedWhenEmptyAsync(SmallDemo, Ct);

    private static async Task<SeededDatabase> DatabaseAsync(bool demoMode)
    {
        var database = new SeededDatabase(demoMode);
        await database.InitializeAsync();
        return database;
    }

    private sealed class SeededDatabase(bool demoMode) : TestDatabase(new Dictionary<string, string?>
    {
        [DemoModeOptions.EnabledKey] = demoMode ? "true" : "false",
    });
}
