using System.Text.Json;
using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.RequestLogs.Commands.RepriceRequestLogs;
using CleanDashboard.Application.RequestLogs.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.Infrastructure.Repricing;
using CleanDashboard.Infrastructure.Rollups;
using CleanDashboard.Infrastructure.Tracking;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Repricing;

/// <summary>
/// Rows written by the old code, whose costs were rounded to 4 decimals, repriced from their stored tokens at
/// $0.15 / $0.60 per million input / output tokens ($0.075 for cached input): the rows of the range get their exact
/// cost, their sessions, model stats and rollups follow, and nothing outside the range moves.
/// </summary>
public sealed class RequestLogRepricerTests : IAsyncLifetime
{
    private static readonly DateTime March1 = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly PricedDatabase _database = new();
    private int _userId;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _userId = await _database.QueryAsync(async db =>
        {
            var user = new User { Name = "alice", Role = UserRole.Member, CreatedAt = March1.AddDays(-10) };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            return user.Id;
        });

        // As the old code stored them: each cost rounded to 4 decimals before it was written and summed.
        await _database.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<RequestLogBatchWriter>().WriteAsync(
                [
                    Row(March1.AddSeconds(-1), 16, 11, cost: 0.0000m),               // the day before: exact 0.000009
                    Row(March1.AddHours(10), 16, 11, cost: 0.0000m),                 // exact 0.000009
                    Row(March1.AddHours(10).AddMinutes(5), 3, 4, cost: 0.0000m),     // exact 0.00000285
                    Row(March1.AddHours(10).AddMinutes(10), 1000, 100, cost: 0.0002m, cached: 800), // exact 0.00015
                    Row(March1.AddHours(11), null, null, cost: null, status: 500),   // no usage: stays null
                    Row(March1.AddDays(1).AddHours(9), 1000, 100, cost: 0.0002m),    // the day after: exact 0.00021
                ],
                CancellationToken.None);
            return 0;
        });
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Reprice_WhenRowsWereStoredAtFourDecimals_ShouldStoreTheExactCostsAndReportTheTotals()
    {
        var result = await RepriceMarch1Async();

        // In the range: 0 + 0 + 0.0002 + null before; 0.000009 + 0.00000285 + 0.00015 + null after.
        result.Should().Be(new RepriceResultDto(RowsInRange: 4, RowsChanged: 3, OldTotalUsd: 0.0002m, NewTotalUsd: 0.00016185m));
        (await CostsAsync()).Should().Equal(0.0000m, 0.000009m, 0.00000285m, 0.00015m, null, 0.0002m);
    }

    [Fact]
    public async Task Reprice_WhenRowsChanged_ShouldCorrectTheirSessionAndTheDaysModelStats()
    {
        await RepriceMarch1Async();

        // Sessions (30 min idle): 23:59:59 alone; 10:00–10:10; 11:00 alone; the next day's 09:00.
        var sessions = await _database.QueryAsync(db => db.UserSessions.AsNoTracking().OrderBy(s => s.SessionStart).Select(s => s.TotalCost).ToListAsync());
        sessions.Should().Equal(0m, 0.00016185m, 0m, 0.0002m);
        var stats = await _database.QueryAsync(db => db.ModelUsageStats.AsNoTracking().OrderBy(s => s.Date).Select(s => new { s.Date, s.TotalCost, s.TotalRequests }).ToListAsync());
        stats.Select(s => (s.Date, s.TotalCost, s.TotalRequests)).Should().Equal(
            (new DateOnly(2024, 2, 29), 0m, 1), (new DateOnly(2024, 3, 1), 0.00016185m, 4), (new DateOnly(2024, 3, 2), 0.0002m, 1));
    }

    [Fact]
    public async Task Reprice_WhenDone_ShouldLeaveRollupsAndStatsEqualToAFullRebuildFromTheRows()
    {
        await RepriceMarch1Async();
        var afterReprice = await RollupRowsAsync();
        var statsAfterReprice = await StatsRowsAsync();

        await _database.InScopeAsync(sp => sp.GetRequiredService<RollupRebuilder>().RebuildAsync(CancellationToken.None));
        await _database.InScopeAsync(sp => sp.GetRequiredService<UsageStatsRebuilder>().RebuildAsync(CancellationToken.None));

        (await RollupRowsAsync()).Should().Equal(afterReprice);
        (await StatsRowsAsync()).Should().Equal(statsAfterReprice);
        afterReprice.Should().Contain(r => r.StartsWith("d ", StringComparison.Ordinal) && r.Contains("\"BucketStart\":\"2024-03-01T00:00:00Z\"") && r.Contains("\"Dimension\":0") && r.Contains("\"CostUnits\":1618500,"));
    }

    [Fact]
    public async Task Reprice_WhenRowsLieOutsideTheRange_ShouldLeaveThemAndTheirRollupsUntouched()
    {
        var before = await RollupRowsAsync();

        await RepriceMarch1Async();

        var costs = await CostsAsync();
        (costs[0], costs[^1]).Should().Be((0.0000m, 0.0002m));
        var after = await RollupRowsAsync();
        after.Where(r => !r.Contains("2024-03-01T")).Should().Equal(before.Where(r => !r.Contains("2024-03-01T")));
        after.Where(r => r.Contains("2024-03-01T")).Should().NotEqual(before.Where(r => r.Contains("2024-03-01T")));
    }

    [Fact]
    public async Task Reprice_WhenRunTwice_ShouldChangeNothingTheSecondTime()
    {
        await RepriceMarch1Async();

        var second = await RepriceMarch1Async();

        second.Should().Be(new RepriceResultDto(4, 0, 0.00016185m, 0.00016185m));
    }

    [Fact]
    public async Task RepriceCommand_WhenSentWithTheConfiguredCatalog_ShouldPriceFromTheStoredTokens()
    {
        var result = await _database.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(
            new RepriceRequestLogsCommand("2024-03-01T10:00:00Z", "2024-03-01T10:01:00Z")));

        result.Should().Be(new RepriceResultDto(1, 1, 0m, 0.000009m)); // 16 × 0.15 + 11 × 0.60 = 9 µ$
        (await CostsAsync())[1].Should().Be(0.000009m);
    }

    [Theory]
    [InlineData(null, "2024-03-02", "from")]
    [InlineData("2024-03-01", null, "to")]
    [InlineData("yesterday", "2024-03-02", "from")]
    [InlineData("2024-03-02", "2024-03-01", "to")]
    [InlineData("2024-03-01", "2024-03-01", "to")]
    public async Task RepriceCommand_WhenTheRangeIsMissingOrWrong_ShouldNameTheFieldAndChangeNothing(string? from, string? to, string field)
    {
        var send = () => _database.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new RepriceRequestLogsCommand(from, to)));

        (await send.Should().ThrowAsync<ValidationException>()).Which.Errors.Keys.Should().Equal(field);
        (await CostsAsync())[1].Should().Be(0.0000m);
    }

    [Fact]
    public void DayRuns_WhenDaysHaveGaps_ShouldJoinOnlyConsecutiveDays()
    {
        var runs = RequestLogRepricer.DayRuns([March1.AddDays(2), March1, March1.AddDays(1), March1.AddDays(5), March1]);

        runs.Should().Equal((March1, March1.AddDays(3)), (March1.AddDays(5), March1.AddDays(6)));
    }

    /// <summary>$0.15 / $0.60 per million, cached input at half the input price: the arithmetic written out, exact.</summary>
    private static decimal? ExactPrice(StoredUsage stored) =>
        stored.Usage.PromptTokens is int prompt
            ? (((prompt - (stored.Usage.CachedInputTokens ?? 0)) * 0.15m) + ((stored.Usage.CachedInputTokens ?? 0) * 0.075m) + ((stored.Usage.CompletionTokens ?? 0) * 0.60m)) / 1_000_000m
            : null;

    private Task<RepriceResultDto> RepriceMarch1Async() =>
        _database.InScopeAsync(sp => sp.GetRequiredService<IRequestLogRepricer>().RepriceAsync(March1, March1.AddDays(1), ExactPrice, CancellationToken.None));

    private Task<List<decimal?>> CostsAsync() =>
        _database.QueryAsync(db => db.RequestLogs.AsNoTracking().OrderBy(r => r.CreatedAt).Select(r => r.CostUsd).ToListAsync());

    private TrackedRequest Row(DateTime at, int? prompt, int? completion, decimal? cost, int status = 200, int? cached = null) => new()
    {
        CreatedAt = at,
        Endpoint = "/v1/chat/completions",
        Method = "POST",
        StatusCode = status,
        LatencyMs = 100,
        ModelName = "reprice-model",
        PromptTokens = prompt,
        CompletionTokens = completion,
        TotalTokens = prompt + completion,
        CachedInputTokens = cached,
        CostUsd = cost,
        CountryCode = "DE",
        UserId = _userId,
        IpAddress = "203.0.113.7",
    };

    private Task<List<string>> RollupRowsAsync() =>
        _database.QueryAsync(async db =>
        {
            var rows = new List<string>();
            rows.AddRange((await db.HourlyRequestRollups.AsNoTracking().ToListAsync()).Select(r => $"h {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailyRequestRollups.AsNoTracking().ToListAsync()).Select(r => $"d {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.HourlyActiveUsers.AsNoTracking().ToListAsync()).Select(r => $"hu {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailyActiveUsers.AsNoTracking().ToListAsync()).Select(r => $"du {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.HourlySessionRollups.AsNoTracking().ToListAsync()).Select(r => $"hs {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailySessionRollups.AsNoTracking().ToListAsync()).Select(r => $"ds {JsonSerializer.Serialize(r)}"));
            rows.Sort(StringComparer.Ordinal);
            return rows;
        });

    private Task<List<string>> StatsRowsAsync() =>
        _database.QueryAsync(async db => (await db.ModelUsageStats.AsNoTracking().OrderBy(s => s.Date).ThenBy(s => s.ModelName).ToListAsync())
            .Select(s => $"{s.Date} {s.ModelName} {s.TotalRequests} {s.SuccessfulRequests} {s.TotalTokens} {s.TotalCost} {s.TotalLatencyUs}")
            .ToList());

    /// <summary>The test model priced in configuration, as an operator prices a self-hosted model.</summary>
    private sealed class PricedDatabase() : TestDatabase(new Dictionary<string, string?>
    {
        ["Pricing:Models:reprice-model:InputPerMillion"] = "0.15",
        ["Pricing:Models:reprice-model:OutputPerMillion"] = "0.60",
    });
}
