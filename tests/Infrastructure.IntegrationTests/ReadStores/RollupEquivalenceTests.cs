using System.Globalization;
using System.Text.Json;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Dashboard.Queries.GetDashboard;
using CleanDashboard.Application.RequestLogs.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.ReadStores;
using CleanDashboard.Infrastructure.Rollups;
using CleanDashboard.Infrastructure.Tracking;
using Mapster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.Infrastructure.IntegrationTests.ReadStores;

/// <summary>
/// Property-style proof that reading rollups changes no figure: for many random data sets, written through the real
/// background writer in random batches, and many random windows (presets at random instants, custom ranges that
/// start and end anywhere, on or off bucket edges), the whole dashboard from the rollup store equals, to the last
/// cent, microsecond and request, the dashboard aggregated from the raw rows.
/// </summary>
public sealed class RollupEquivalenceTests
{
    private const int WindowsPerDataSet = 40;
    private static readonly DateTime Start = new(2024, 2, 24, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Span = TimeSpan.FromDays(8);
    private static readonly string[] ModelNames = ["", "gpt-4o", "llama3.2", "model-a", "model-b"];
    private static readonly string[] Countries = ["", "US", "DE", "JP"];
    private static readonly int[] Statuses = [200, 200, 200, 201, 400, 401, 429, 500, 502];
    private static readonly string[] Presets = [DashboardRanges.Last24Hours, DashboardRanges.Last7Days, DashboardRanges.LastMonth, DashboardRanges.Last3Months];

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 12));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Dashboard_WhenReadFromRollups_ShouldEqualTheRawAggregationForRandomDataAndWindows(int seed)
    {
        var random = new Random(seed);
        await using var database = await RandomDataSetAsync(random, minimumRows: 0);

        for (var i = 0; i < WindowsPerDataSet; i++)
        {
            var (query, now) = RandomWindow(random);
            var fromRollups = await DashboardAsync(database, now, query, db => new DashboardReadStore(db));
            var fromRawRows = await DashboardAsync(database, now, query, DashboardReadStore.RawOnly);

            fromRollups.Should().Be(fromRawRows, $"seed {seed}, window {i}: {query} at {now:O}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RebuildRollups_WhenRunAfterTheWriter_ShouldWriteTheSameRows(int seed)
    {
        await using var database = await RandomDataSetAsync(new Random(seed), minimumRows: 1);
        var written = await RollupRowsAsync(database);

        var rolledUp = await database.InScopeAsync(sp => sp.GetRequiredService<RollupRebuilder>().RebuildAsync(CancellationToken.None));

        rolledUp.Should().Be(await database.QueryAsync(db => db.RequestLogs.LongCountAsync()));
        (await RollupRowsAsync(database)).Should().Equal(written);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ReadStore_WhenReadFromRollups_ShouldEqualTheRawSumsToTheLastTenBillionth(int seed)
    {
        var random = new Random(seed);
        await using var database = await RandomDataSetAsync(random, minimumRows: 1);

        await ShouldReadTheSameSumsAsync(database, random, $"seed {seed}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Reprice_WhenRunOverARandomRange_ShouldKeepTheRollupsEqualToTheRawRowsAndToAFullRebuild(int seed)
    {
        var random = new Random(seed);
        await using var database = await RandomDataSetAsync(random, minimumRows: 1);
        var (from, to) = (RandomInstant(random), RandomInstant(random));
        (from, to) = from < to ? (from, to) : (to, from.AddTicks(1));

        var result = await database.InScopeAsync(sp => sp.GetRequiredService<IRequestLogRepricer>().RepriceAsync(from, to, SubCentPrice, CancellationToken.None));

        result.RowsChanged.Should().BePositive($"seed {seed}: [{from:O}, {to:O}) holds rows with tokens");
        await ShouldReadTheSameSumsAsync(database, random, $"seed {seed} after reprice");
        var repriced = await RollupRowsAsync(database);
        await database.InScopeAsync(sp => sp.GetRequiredService<RollupRebuilder>().RebuildAsync(CancellationToken.None));
        (await RollupRowsAsync(database)).Should().Equal(repriced);
        var (now, query) = (Start.AddDays(8), new GetDashboardQuery(DashboardRanges.Last7Days, null, null));
        (await DashboardAsync(database, now, query, db => new DashboardReadStore(db))).Should().Be(await DashboardAsync(database, now, query, DashboardReadStore.RawOnly));
    }

    /// <summary>$0.0000011 per prompt token and $0.0000000013 per completion token: costs that need all ten decimals.</summary>
    private static decimal? SubCentPrice(StoredUsage stored) =>
        stored.Usage.PromptTokens is int prompt ? (prompt * 0.0000011m) + ((stored.Usage.CompletionTokens ?? 0) * 0.0000000013m) : null;

    /// <summary>Bucket totals and session sums of random windows, compared unrounded: rollups and raw rows must agree exactly.</summary>
    private static async Task ShouldReadTheSameSumsAsync(TestDatabase database, Random random, string because)
    {
        for (var i = 0; i < WindowsPerDataSet / 4; i++)
        {
            var from = RandomInstant(random).AddHours(-random.Next(0, 48));
            var to = from.AddMinutes(1 + random.Next(60 * 24 * 9));
            var size = random.Next(2) == 0 ? BucketSize.Hour : BucketSize.Day;
            var (rolled, raw) = await database.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<DashboardDbContext>();
                return (
                    (await new DashboardReadStore(db).GetRequestBucketsAsync(from, to, size, CancellationToken.None), await new DashboardReadStore(db).GetUserActivityAsync(from, to, CancellationToken.None)),
                    (await DashboardReadStore.RawOnly(db).GetRequestBucketsAsync(from, to, size, CancellationToken.None), await DashboardReadStore.RawOnly(db).GetUserActivityAsync(from, to, CancellationToken.None)));
            });

            rolled.Item1.Should().Equal(raw.Item1, $"{because}, window {i}: [{from:O}, {to:O}] by {size}");
            rolled.Item2.Should().Be(raw.Item2, $"{because}, window {i}: [{from:O}, {to:O}]");
        }
    }

    /// <summary>A fresh database holding up to 600 random requests of six users, written through the real writer.</summary>
    private static async Task<TestDatabase> RandomDataSetAsync(Random random, int minimumRows)
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        var userIds = await CreateUsersAsync(database, 6);
        await WriteThroughTheWriterAsync(database, random, RandomRequests(random, userIds, random.Next(minimumRows, 600)));
        return database;
    }

    private static async Task<List<int>> CreateUsersAsync(TestDatabase database, int count) =>
        await database.QueryAsync(async db =>
        {
            var users = Enumerable.Range(1, count)
                .Select(i => new User { Name = $"user-{i}", Role = UserRole.Member, CreatedAt = Start })
                .ToList();
            db.Users.AddRange(users);
            await db.SaveChangesAsync();
            return users.Select(u => u.Id).ToList();
        });

    private static List<TrackedRequest> RandomRequests(Random random, List<int> userIds, int count) =>
        Enumerable.Range(0, count)
            .Select(_ =>
            {
                var status = Statuses[random.Next(Statuses.Length)];
                var tokens = random.NextDouble() < 0.7 ? random.Next(1, 5000) : (int?)null;
                return new TrackedRequest
                {
                    CreatedAt = RandomInstant(random),
                    Endpoint = "/v1/chat/completions",
                    Method = "POST",
                    StatusCode = status,
                    LatencyMs = Math.Round(random.NextDouble() * 5000, 3),
                    ModelName = ModelNames[random.Next(ModelNames.Length)],
                    TotalTokens = tokens,
                    PromptTokens = tokens / 2,
                    CompletionTokens = tokens - (tokens / 2),
                    // As the tracking middleware writes them: a cost only with tokens; rows with tokens and no cost are unpriced.
                    CostUsd = random.NextDouble() < 0.6 && tokens is not null ? RandomCost(random) : null,
                    CountryCode = Countries[random.Next(Countries.Length)],
                    UserId = random.NextDouble() < 0.8 ? userIds[random.Next(userIds.Count)] : null,
                    IpAddress = "203.0.113.7",
                };
            })
            .OrderBy(r => r.CreatedAt)
            .ToList();

    /// <summary>
    /// Cents, sub-cent costs of 1e-10 precision (a $0.0000011 call), and now and then a large cost with 16 significant
    /// digits, which a sum through doubles would not keep.
    /// </summary>
    private static decimal RandomCost(Random random) => random.Next(8) switch
    {
        0 or 1 or 2 => random.Next(0, 200_000) / 10_000m,
        3 or 4 => random.Next(0, 100_000) / 10_000_000_000m,
        5 or 6 => 0.0000011m * random.Next(1, 50),
        _ => random.Next(0, 1_000_000) + (random.NextInt64(0, 10_000_000_000) / 10_000_000_000m),
    };

    /// <summary>An instant in the data's span; one in four sits exactly on an hour (and some on a day) to probe the bucket edges.</summary>
    private static DateTime RandomInstant(Random random)
    {
        var instant = Start.AddTicks((long)(random.NextDouble() * Span.Ticks));
        return random.Next(4) switch
        {
            0 => new DateTime(instant.Year, instant.Month, instant.Day, random.Next(3) == 0 ? 0 : instant.Hour, 0, 0, DateTimeKind.Utc),
            1 => new DateTime(instant.Year, instant.Month, instant.Day, instant.Hour, instant.Minute, instant.Second, DateTimeKind.Utc),
            _ => instant,
        };
    }

    private static (GetDashboardQuery Query, DateTime Now) RandomWindow(Random random)
    {
        var now = RandomInstant(random).AddHours(random.Next(0, 30));
        if (random.Next(3) == 0)
        {
            return (new GetDashboardQuery(Presets[random.Next(Presets.Length)], null, null), now);
        }

        var start = RandomInstant(random).AddHours(-random.Next(0, 24));
        var length = random.Next(3) switch
        {
            0 => TimeSpan.FromMinutes(1 + random.Next(180)),
            1 => TimeSpan.FromHours(1 + random.Next(48)),
            _ => TimeSpan.FromDays(2 + (random.NextDouble() * 7)),
        };
        var end = random.Next(4) == 0 ? start.AddHours(Math.Ceiling(length.TotalHours)) : start + length;
        return (new GetDashboardQuery(DashboardRanges.Custom, start.ToString("O", CultureInfo.InvariantCulture), end.ToString("O", CultureInfo.InvariantCulture)), now);
    }

    private static async Task WriteThroughTheWriterAsync(TestDatabase database, Random random, List<TrackedRequest> requests)
    {
        for (var written = 0; written < requests.Count;)
        {
            var batch = requests.Skip(written).Take(random.Next(1, 80)).ToList();
            await database.InScopeAsync(async sp =>
            {
                await sp.GetRequiredService<RequestLogBatchWriter>().WriteAsync(batch, CancellationToken.None);
                return 0;
            });
            written += batch.Count;
        }
    }

    /// <summary>The whole dashboard as JSON, so every figure, label and bucket is compared.</summary>
    private static async Task<string> DashboardAsync(TestDatabase database, DateTime now, GetDashboardQuery query, Func<DashboardDbContext, IDashboardReadStore> store) =>
        await database.InScopeAsync(async sp =>
        {
            var handler = new GetDashboardQueryHandler(
                store(sp.GetRequiredService<DashboardDbContext>()),
                new FakeTimeProvider(new DateTimeOffset(now)),
                sp.GetRequiredService<TypeAdapterConfig>());
            return JsonSerializer.Serialize(await handler.Handle(query, CancellationToken.None));
        });

    private static async Task<List<string>> RollupRowsAsync(TestDatabase database) =>
        await database.QueryAsync(async db =>
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
}
