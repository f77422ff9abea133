using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Dashboard.Queries.GetDashboard;
using CleanDashboard.Application.Feedback.Common;
using CleanDashboard.Application.RequestLogs.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Rollups;
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
/// start and end anywhere, on or off bucket edges; ingested spans with end users and conversations among them), random filters (model, user, key, endpoint, source, combined) and time
/// zones (UTC, New York across its March DST change, Kolkata +5:30, Kathmandu +5:45), the whole dashboard from the
/// rollup store equals, to the last cent, microsecond and request, the dashboard aggregated from the raw rows; its
/// percentiles are within 1 % of the raw rows' exact nearest-rank percentiles. A fifth of the requests are rated, some
/// rated again later, so the feedback cubes the database's triggers keep are compared with the raw ratings too.
/// </summary>
public sealed class RollupEquivalenceTests
{
    private const int WindowsPerDataSet = 40;
    private const double PercentileTolerance = 0.01;

    /// <summary>The 8 days hold New York's change to daylight saving time, 2024-03-10 07:00 UTC (a 23-hour local day).</summary>
    private static readonly DateTime Start = new(2024, 3, 6, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Span = TimeSpan.FromDays(8);
    private static readonly string[] ModelNames = ["", "gpt-4o", "llama3.2", "model-a", "model-b"];
    private static readonly string[] Endpoints = ["/v1/chat/completions", "/v1/embeddings", "/ollama/api/chat"];
    private static readonly string[] EndUsers = ["app-user-1", "app-user-2"];
    private static readonly string[] Conversations = ["conv-1", "conv-2", "conv-3"];
    private static readonly string[] Zones = ["UTC", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu"];

    /// <summary>The fields that are sketched: compared within <see cref="PercentileTolerance"/>, every other field exactly.</summary>
    private static readonly HashSet<string> PercentileFields = ["P50", "P95", "P99", "P50LatencyMs", "P95LatencyMs", "P99LatencyMs", "P50TtftMs", "P95TtftMs"];
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
            query = WithRandomFilterAndZone(random, query, database.Keys);
            var fromRollups = await DashboardAsync(database, now, query, db => new DashboardReadStore(db));
            var fromRawRows = await DashboardAsync(database, now, query, DashboardReadStore.RawOnly);

            Differences(JsonNode.Parse(fromRollups), JsonNode.Parse(fromRawRows), "$").Should().BeEmpty($"seed {seed}, window {i}: {query} at {now:O}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Latency_WhenReadFromSketches_ShouldBeWithinOnePercentOfTheExactNearestRankPercentiles(int seed)
    {
        var random = new Random(seed);
        await using var database = await RandomDataSetAsync(random, minimumRows: 1);

        var compared = 0;
        for (var i = 0; i < WindowsPerDataSet / 2; i++)
        {
            var from = RandomInstant(random).AddHours(-random.Next(0, 48));
            var to = from.AddMinutes(1 + random.Next(60 * 24 * 9));
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[random.Next(Zones.Length)]);
            var buckets = random.Next(2) == 0 ? UtcBuckets(from, to, BucketSize.Hour) : LocalDays(from, to, zone);
            var filter = RandomFilter(random, database.Keys);
            var (sketched, exact) = await database.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<DashboardDbContext>();
                return (
                    await new DashboardReadStore(db).GetLatencyAsync(from, to, buckets, filter, CancellationToken.None),
                    await DashboardReadStore.RawOnly(db).GetLatencyAsync(from, to, buckets, filter, CancellationToken.None));
            });

            var because = $"seed {seed}, window {i}: [{from:O}, {to:O}] in {zone.Id}, {filter}";
            sketched.Buckets.Select(b => b.BucketStart).Should().Equal(exact.Buckets.Select(b => b.BucketStart), because);
            foreach (var (rolled, raw) in sketched.Buckets.Append(sketched.Window).Zip(exact.Buckets.Append(exact.Window)))
            {
                rolled.Latency.Count.Should().Be(raw.Latency.Count, because);
                rolled.Ttft.Count.Should().Be(raw.Ttft.Count, because);
                rolled.TtftUsSum.Should().Be(raw.TtftUsSum, because);
                foreach (var percent in new[] { 0.1, 50, 90, 95, 99, 100 })
                {
                    ShouldBeWithinTolerance(rolled.Latency.Percentile(percent), raw.Latency.Percentile(percent), $"{because}, latency p{percent} of {rolled.BucketStart:O}");
                    ShouldBeWithinTolerance(rolled.Ttft.Percentile(percent), raw.Ttft.Percentile(percent), $"{because}, TTFT p{percent} of {rolled.BucketStart:O}");
                    compared++;
                }
            }
        }

        compared.Should().BePositive();
    }

    /// <summary>
    /// Model rows written before the model dimension kept sketches (decision 122) hold sums and empty sketches: a model
    /// filter's percentiles must then come from the cube, not from those rows (which would count no latency at all).
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Latency_WhenTheModelRowsPredateTheirSketches_ShouldReadTheCubeAndStayWithinOnePercent(int seed)
    {
        var random = new Random(seed);
        await using var database = await RandomDataSetAsync(random, minimumRows: 1);
        await database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DashboardDbContext>();
            await db.HourlyRequestRollups.Where(r => r.Dimension == RollupDimension.Model)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LatencySketch, Array.Empty<byte>()).SetProperty(r => r.TtftSketch, Array.Empty<byte>()));
            return await db.DailyRequestRollups.Where(r => r.Dimension == RollupDimension.Model)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LatencySketch, Array.Empty<byte>()).SetProperty(r => r.TtftSketch, Array.Empty<byte>()));
        });

        var (from, to) = (Start, Start + Span);
        foreach (var model in ModelNames.Skip(1))
        {
            foreach (var buckets in new[] { UtcBuckets(from, to, BucketSize.Hour), LocalDays(from, to, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")) })
            {
                var filter = new DashboardFilter(model, null, null, null, null);
                var (sketched, exact) = await database.InScopeAsync(async sp =>
                {
                    var db = sp.GetRequiredService<DashboardDbContext>();
                    return (
                        await new DashboardReadStore(db).GetLatencyAsync(from, to, buckets, filter, CancellationToken.None),
                        await DashboardReadStore.RawOnly(db).GetLatencyAsync(from, to, buckets, filter, CancellationToken.None));
                });

                var because = $"seed {seed}, {filter}, {buckets.Count} buckets";
                sketched.Window.Latency.Count.Should().Be(exact.Window.Latency.Count, because);
                sketched.Window.Ttft.Count.Should().Be(exact.Window.Ttft.Count, because);
                foreach (var (rolled, raw) in sketched.Buckets.Zip(exact.Buckets))
                {
                    rolled.Latency.Count.Should().Be(raw.Latency.Count, because);
                    ShouldBeWithinTolerance(rolled.Latency.Percentile(95), raw.Latency.Percentile(95), $"{because}, p95 of {rolled.BucketStart:O}");
                }
            }
        }
    }

    /// <summary>
    /// The upgrade to request pairs (decision 122) fills them from the cube and facets of a database written before: the
    /// same rows as the writer's, with the same request counts; pairs with a user, key, model or endpoint carry every sum
    /// exactly, pairs with a country or status the counts (and a status's errors) only; no sketch is made up.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task PairsUpgrade_WhenFilledFromTheCubeAndFacets_ShouldHoldTheWritersCountsAndSums(int seed)
    {
        await using var database = await RandomDataSetAsync(new Random(seed), minimumRows: 1);
        var written = await PairRowsAsync(database);

        await database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DashboardDbContext>();
            await db.HourlyRequestPairs.ExecuteDeleteAsync();
            await db.DailyRequestPairs.ExecuteDeleteAsync();
            return await db.Database.ExecuteSqlRawAsync(RequestPairSql.Populate(database.IsPostgres));
        });
        var filled = await PairRowsAsync(database);

        written.Should().NotBeEmpty();
        filled.Select(p => (p.Table, p.Row.Dimension, p.Row.Key, p.Row.By, p.Row.BucketStart, p.Row.ByKey, p.Row.Requests))
            .Should().Equal(written.Select(p => (p.Table, p.Row.Dimension, p.Row.Key, p.Row.By, p.Row.BucketStart, p.Row.ByKey, p.Row.Requests)));
        foreach (var (before, after) in written.Zip(filled))
        {
            var because = $"{before.Table} {before.Row.Dimension}={before.Row.Key} by {before.Row.By}={before.Row.ByKey} at {before.Row.BucketStart:O}";
            after.Row.LatencySketch.Should().BeEmpty(because);
            if (before.Row.By is RollupDimension.Country or RollupDimension.Status)
            {
                after.Row.Errors.Should().Be(before.Row.By == RollupDimension.Status ? before.Row.Requests : 0, because);
                continue;
            }

            (after.Row.Errors, after.Row.LatencyUs, after.Row.Tokens, after.Row.RowsWithTokens, after.Row.CostUnits, after.Row.RowsWithCost, after.Row.TtftCount, after.Row.TtftUs)
                .Should().Be((before.Row.Errors, before.Row.LatencyUs, before.Row.Tokens, before.Row.RowsWithTokens, before.Row.CostUnits, before.Row.RowsWithCost, before.Row.TtftCount, before.Row.TtftUs), because);
        }
    }

    private static Task<List<(string Table, RequestPair Row)>> PairRowsAsync(RandomDatabase database) =>
        database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DashboardDbContext>();
            var rows = (await db.HourlyRequestPairs.AsNoTracking().ToListAsync()).Select(p => ("hourly", (RequestPair)p))
                .Concat((await db.DailyRequestPairs.AsNoTracking().ToListAsync()).Select(p => ("daily", (RequestPair)p)));
            return rows
                .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2.Dimension).ThenBy(p => p.Item2.Key, StringComparer.Ordinal)
                .ThenBy(p => p.Item2.By).ThenBy(p => p.Item2.BucketStart).ThenBy(p => p.Item2.ByKey, StringComparer.Ordinal)
                .ToList();
        });

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
        var fromRollups = JsonNode.Parse(await DashboardAsync(database, now, query, db => new DashboardReadStore(db)));
        Differences(fromRollups, JsonNode.Parse(await DashboardAsync(database, now, query, DashboardReadStore.RawOnly)), "$").Should().BeEmpty();
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
            var buckets = UtcBuckets(from, to, size);
            var none = DashboardFilter.None;
            var (rolled, raw) = await database.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<DashboardDbContext>();
                return (
                    (await new DashboardReadStore(db).GetRequestBucketsAsync(from, to, buckets, none, CancellationToken.None), await new DashboardReadStore(db).GetUserActivityAsync(from, to, none, CancellationToken.None)),
                    (await DashboardReadStore.RawOnly(db).GetRequestBucketsAsync(from, to, buckets, none, CancellationToken.None), await DashboardReadStore.RawOnly(db).GetUserActivityAsync(from, to, none, CancellationToken.None)));
            });

            rolled.Item1.Should().Equal(raw.Item1, $"{because}, window {i}: [{from:O}, {to:O}] by {size}");
            rolled.Item2.Should().Be(raw.Item2, $"{because}, window {i}: [{from:O}, {to:O}]");
        }
    }

    /// <summary>The zone's local days from the one <paramref name="from"/> falls in up to <paramref name="to"/>, as UTC instants.</summary>
    private static List<DateTime> LocalDays(DateTime from, DateTime to, TimeZoneInfo zone)
    {
        var days = new List<DateTime>();
        for (var day = DashboardWindow.LocalDate(from, zone); DashboardWindow.LocalMidnight(day, zone) <= to; day = day.AddDays(1))
        {
            days.Add(DashboardWindow.LocalMidnight(day, zone));
        }

        return days;
    }

    /// <summary>No filter a third of the time; else each filter with a chance of one in two, the key mostly one of the user's.</summary>
    private static DashboardFilter RandomFilter(Random random, IReadOnlyList<(int UserId, int KeyId)> keys)
    {
        if (random.Next(3) == 0)
        {
            return DashboardFilter.None;
        }

        var (userId, keyId) = keys[random.Next(keys.Count)];
        var otherKey = keys[random.Next(keys.Count)].KeyId;
        return new DashboardFilter(
            random.Next(2) == 0 ? ModelNames[1 + random.Next(ModelNames.Length - 1)] : null,
            random.Next(2) == 0 ? userId : null,
            random.Next(2) == 0 ? (random.Next(4) == 0 ? otherKey : keyId) : null,
            random.Next(2) == 0 ? Endpoints[random.Next(Endpoints.Length)] : null,
            random.Next(2) == 0 ? RequestSources.All[random.Next(RequestSources.All.Count)] : null);
    }

    private static GetDashboardQuery WithRandomFilterAndZone(Random random, GetDashboardQuery query, IReadOnlyList<(int UserId, int KeyId)> keys)
    {
        var filter = RandomFilter(random, keys);
        return query with
        {
            Model = filter.Model,
            UserId = filter.UserId?.ToString(CultureInfo.InvariantCulture),
            ApiKeyId = filter.ApiKeyId?.ToString(CultureInfo.InvariantCulture),
            Endpoint = filter.Endpoint,
            Source = filter.Source,
            Tz = Zones[random.Next(Zones.Length)],
        };
    }

    /// <summary>Where two dashboards differ: percentiles by more than the tolerance, anything else at all.</summary>
    private static List<string> Differences(JsonNode? actual, JsonNode? expected, string path)
    {
        var differences = new List<string>();
        switch (expected)
        {
            case JsonObject expectedObject when actual is JsonObject actualObject:
                foreach (var (name, value) in expectedObject)
                {
                    var actualValue = actualObject[name];
                    if (PercentileFields.Contains(name))
                    {
                        var (a, e) = (actualValue?.GetValue<double>(), value?.GetValue<double>());
                        if (a.HasValue != e.HasValue || (e is double exact && Math.Abs(a!.Value - exact) > PercentileTolerance * Math.Abs(exact)))
                        {
                            differences.Add($"{path}.{name}: {a} is not within 1 % of {e}");
                        }
                    }
                    else
                    {
                        differences.AddRange(Differences(actualValue, value, $"{path}.{name}"));
                    }
                }

                if (actualObject.Count != expectedObject.Count)
                {
                    differences.Add($"{path}: {actualObject.Count} fields, expected {expectedObject.Count}");
                }

                break;
            case JsonArray expectedArray when actual is JsonArray actualArray:
                if (actualArray.Count != expectedArray.Count)
                {
                    differences.Add($"{path}: {actualArray.Count} items, expected {expectedArray.Count}: {actualArray.ToJsonString()} vs {expectedArray.ToJsonString()}");
                    break;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    differences.AddRange(Differences(actualArray[i], expectedArray[i], $"{path}[{i}]"));
                }

                break;
            default:
                if (!JsonNode.DeepEquals(actual, expected))
                {
                    differences.Add($"{path}: {actual?.ToJsonString() ?? "null"}, expected {expected?.ToJsonString() ?? "null"}");
                }

                break;
        }

        return differences;
    }

    private static void ShouldBeWithinTolerance(double? actual, double? exact, string because)
    {
        actual.HasValue.Should().Be(exact.HasValue, because);
        if (exact is double value)
        {
            actual!.Value.Should().BeApproximately(value, PercentileTolerance * value, because);
        }
    }

    /// <summary>UTC hours or days from the one <paramref name="from"/> falls in up to <paramref name="to"/>.</summary>
    private static List<DateTime> UtcBuckets(DateTime from, DateTime to, BucketSize size)
    {
        var buckets = new List<DateTime>();
        for (var bucket = DashboardWindow.Truncate(from, size); bucket <= to; bucket = size == BucketSize.Hour ? bucket.AddHours(1) : bucket.AddDays(1))
        {
            buckets.Add(bucket);
        }

        return buckets;
    }

    /// <summary>A fresh database holding up to 600 random requests of six users with two keys each, written through the real writer.</summary>
    private static async Task<RandomDatabase> RandomDataSetAsync(Random random, int minimumRows)
    {
        var database = new RandomDatabase();
        await database.InitializeAsync();
        database.Keys = await CreateUsersAsync(database, 6);
        await WriteThroughTheWriterAsync(database, random, RandomRequests(random, database.Keys, random.Next(minimumRows, 600)));
        await RateRandomlyAsync(database, random);
        return database;
    }

    /// <summary>
    /// About a fifth of the requests with a user rated through the real store, up to six hours later, a third of those
    /// rated again later still (the cubes must move the re-rating's count, maybe into another hour or day).
    /// </summary>
    private static async Task RateRandomlyAsync(TestDatabase database, Random random)
    {
        var requests = await database.QueryAsync(db => db.RequestLogs.AsNoTracking().Where(r => r.UserId != null).OrderBy(r => r.Id).Select(r => new { r.Id, r.UserId, r.CreatedAt }).ToListAsync());
        await database.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<IFeedbackStore>();
            foreach (var request in requests.Where(_ => random.Next(5) == 0))
            {
                var at = request.CreatedAt.AddMinutes(random.Next(6 * 60));
                await store.SaveAsync(request.Id, request.UserId!.Value, random.Next(1, 6), "first", at, CancellationToken.None);
                if (random.Next(3) == 0)
                {
                    await store.SaveAsync(request.Id, request.UserId!.Value, random.Next(1, 6), "again", at.AddMinutes(random.Next(1, 26 * 60)), CancellationToken.None);
                }
            }

            return 0;
        });
    }

    /// <summary>Users named so that ties by cost and requests sort by name, each with two keys both named "key".</summary>
    private static async Task<List<(int UserId, int KeyId)>> CreateUsersAsync(TestDatabase database, int count) =>
        await database.QueryAsync(async db =>
        {
            var users = Enumerable.Range(1, count)
                .Select(i => new User { Name = $"user-{i}", Role = UserRole.Member, CreatedAt = Start })
                .ToList();
            db.Users.AddRange(users);
            await db.SaveChangesAsync();
            var keys = users.SelectMany(u => Enumerable.Range(0, 2).Select(i => new ApiKey
            {
                UserId = u.Id,
                Name = "key",
                Prefix = $"cd_{u.Id}{i}",
                KeyHash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{u.Id}-{i}")),
                CreatedAt = Start,
            })).ToList();
            db.ApiKeys.AddRange(keys);
            await db.SaveChangesAsync();
            return keys.Select(k => (k.UserId, k.Id)).ToList();
        });

    /// <summary>Latencies to the microsecond with a few exact zeros; a time to first token on most answered requests.</summary>
    private static List<TrackedRequest> RandomRequests(Random random, List<(int UserId, int KeyId)> keys, int count) =>
        Enumerable.Range(0, count)
            .Select(_ =>
            {
                var status = Statuses[random.Next(Statuses.Length)];
                var tokens = random.NextDouble() < 0.7 ? random.Next(1, 5000) : (int?)null;
                var caller = random.NextDouble() < 0.8 ? keys[random.Next(keys.Count)] : ((int, int)?)null;
                var latency = random.Next(20) == 0 ? 0 : Math.Round(Math.Exp(random.NextDouble() * 9) - 0.999, 3);
                var ingested = caller is not null && random.Next(10) < 3;
                return new TrackedRequest
                {
                    CreatedAt = RandomInstant(random),
                    Endpoint = Endpoints[random.Next(Endpoints.Length)],
                    Method = "POST",
                    StatusCode = status,
                    LatencyMs = latency,
                    TtftMs = status < 400 && random.NextDouble() < 0.7 ? Math.Round(latency * random.NextDouble(), 3) : null,
                    ModelName = ModelNames[random.Next(ModelNames.Length)],
                    TotalTokens = tokens,
                    PromptTokens = tokens / 2,
                    CompletionTokens = tokens - (tokens / 2),
                    // As the tracking middleware writes them: a cost only with tokens; rows with tokens and no cost are unpriced.
                    CostUsd = random.NextDouble() < 0.6 && tokens is not null ? RandomCost(random) : null,
                    CountryCode = Countries[random.Next(Countries.Length)],
                    UserId = caller?.Item1,
                    ApiKeyId = caller?.Item2,
                    IpAddress = "203.0.113.7",
                    Source = ingested ? RequestSources.Otlp : RequestSources.Gateway,
                    EndUserId = ingested && random.Next(2) == 0 ? EndUsers[random.Next(EndUsers.Length)] : null,
                    ConversationId = ingested && random.Next(2) == 0 ? Conversations[random.Next(Conversations.Length)] : null,
                };
            })
            // Conversations arrive latest first, so their sessions' starts move back across batches (and out of their buckets).
            .OrderBy(r => r.ConversationId is null ? r.CreatedAt : Start + Span - (r.CreatedAt - Start))
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

    private sealed class RandomDatabase : TestDatabase
    {
        public List<(int UserId, int KeyId)> Keys { get; set; } = [];
    }

    private static async Task<List<string>> RollupRowsAsync(TestDatabase database) =>
        await database.QueryAsync(async db =>
        {
            var rows = new List<string>();
            rows.AddRange((await db.HourlyRequestRollups.AsNoTracking().ToListAsync()).Select(r => $"h {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailyRequestRollups.AsNoTracking().ToListAsync()).Select(r => $"d {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.HourlyRequestCubes.AsNoTracking().ToListAsync()).Select(r => $"hc {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailyRequestCubes.AsNoTracking().ToListAsync()).Select(r => $"dc {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.HourlyRequestFacets.AsNoTracking().ToListAsync()).Select(r => $"hf {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailyRequestFacets.AsNoTracking().ToListAsync()).Select(r => $"df {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.HourlyRequestPairs.AsNoTracking().ToListAsync()).Select(r => $"hp {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailyRequestPairs.AsNoTracking().ToListAsync()).Select(r => $"dp {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.HourlyActiveUsers.AsNoTracking().ToListAsync()).Select(r => $"hu {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailyActiveUsers.AsNoTracking().ToListAsync()).Select(r => $"du {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.HourlySessionRollups.AsNoTracking().ToListAsync()).Select(r => $"hs {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailySessionRollups.AsNoTracking().ToListAsync()).Select(r => $"ds {JsonSerializer.Serialize(r)}"));

            // The triggers leave a moved rating's count at 0, a rebuild writes no such row.
            rows.AddRange((await db.HourlyFeedbackCubes.AsNoTracking().Where(c => c.Ratings > 0).ToListAsync()).Select(r => $"hr {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailyFeedbackCubes.AsNoTracking().Where(c => c.Ratings > 0).ToListAsync()).Select(r => $"dr {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.HourlyFeedbackRollups.AsNoTracking().Where(r => r.Ratings > 0).ToListAsync()).Select(r => $"hrr {JsonSerializer.Serialize(r)}"));
            rows.AddRange((await db.DailyFeedbackRollups.AsNoTracking().Where(r => r.Ratings > 0).ToListAsync()).Select(r => $"drr {JsonSerializer.Serialize(r)}"));
            rows.Sort(StringComparer.Ordinal);
            return rows;
        });
}
