using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CleanDashboard.Application;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Dashboard.Queries.GetDashboard;
using CleanDashboard.Infrastructure;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.ReadStores;
using Mapster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Benchmarks;

/// <summary>
/// The dashboard at scale: fills the database with demo traffic up to the wanted number of request logs over
/// 90 days (timing the fill), then times the whole dashboard query (cache off) for 24h, 7d, 3m and a custom
/// 45-day range that starts mid-hour, read from the rollups and, for the ratio, aggregated from the raw rows.
/// Each pair of answers is compared, so a fast wrong answer cannot pass for a result.
/// </summary>
internal static class DashboardAtScale
{
    /// <summary>Demo traffic yields about this share of its nominal requests per day (weekends, night, the partial last day).</summary>
    private const double DemoYield = 0.8725;

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Option(args, "--provider") ?? "Sqlite";
        var connection = Option(args, "--connection") ?? throw new ArgumentException("--connection is required");
        var rows = long.Parse(Option(args, "--rows") ?? "10000000", CultureInfo.InvariantCulture);
        var iterations = int.Parse(Option(args, "--iterations") ?? "15", CultureInfo.InvariantCulture);
        var rawIterations = int.Parse(Option(args, "--raw-iterations") ?? "3", CultureInfo.InvariantCulture);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Dashboard"] = connection,
            ["Cache:Duration"] = "00:00:00",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddApplication().AddInfrastructure(configuration).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        var existing = await InScopeAsync(services, db => db.RequestLogs.LongCountAsync());
        if (existing < rows * 0.95)
        {
            await PopulateAsync(services, rows);
        }
        else
        {
            Console.WriteLine($"Using the {existing:N0} request logs already in the database.");
        }

        var now = DateTime.UtcNow;

        // Every answer at the same instant: "the previous period" starts at from − (now − from), so it moves with the clock.
        var clock = new FixedClock(new DateTimeOffset(now));
        var customStart = DashboardWindow.Truncate(now.AddDays(-50), BucketSize.Hour).AddMinutes(23).AddSeconds(41.5);
        var ranges = new (string Label, GetDashboardQuery Query)[]
        {
            ("24h", new GetDashboardQuery("24h", null, null)),
            ("7d", new GetDashboardQuery("7d", null, null)),
            ("1m", new GetDashboardQuery("1m", null, null)),
            ("3m", new GetDashboardQuery("3m", null, null)),
            ("custom 45 days from mid-hour", new GetDashboardQuery("custom", customStart.ToString("O", CultureInfo.InvariantCulture), customStart.AddDays(45).ToString("O", CultureInfo.InvariantCulture))),
        };
        var (userId, apiKeyId) = await InScopeAsync(services, async db =>
        {
            var key = await db.ApiKeys.OrderBy(k => k.Id).FirstAsync(k => db.RequestLogs.Any(r => r.ApiKeyId == k.Id));
            return (key.UserId, key.Id);
        });
        var variants = new (string Label, Func<GetDashboardQuery, GetDashboardQuery> Apply)[]
        {
            ("unfiltered", q => q),
            ("model=llama3.2", q => q with { Model = "llama3.2" }),
            ($"userId={userId}", q => q with { UserId = userId.ToString(CultureInfo.InvariantCulture) }),
            ($"apiKeyId={apiKeyId}", q => q with { ApiKeyId = apiKeyId.ToString(CultureInfo.InvariantCulture) }),
            ("endpoint=/v1/chat/completions", q => q with { Endpoint = "/v1/chat/completions" }),
            ("tz=America/New_York", q => q with { Tz = "America/New_York" }),
        };

        await TableSizesAsync(services, provider);
        if (args.Contains("--breakdown"))
        {
            foreach (var filter in new[] { DashboardFilter.None, new DashboardFilter("llama3.2", null, null, null), new DashboardFilter(null, null, null, "/v1/chat/completions"), new DashboardFilter(null, userId, null, null) })
            {
                await BreakdownAsync(services, now.Date.AddDays(-89), now, filter, TimeZoneInfo.Utc);
            }

            var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
            await BreakdownAsync(services, DashboardWindow.LocalMidnight(DashboardWindow.LocalDate(now, newYork).AddDays(-89), newYork), now, DashboardFilter.None, newYork);
            await BreakdownAsync(services, customStart, customStart.AddDays(45), DashboardFilter.None, newYork);
        }

        Console.WriteLine($"| range | variant | rollups p50 ms | rollups max ms | raw p50 ms | raw / rollups | same answer |");
        Console.WriteLine($"|---|---|---|---|---|---|---|");
        foreach (var (label, range) in ranges)
        {
            foreach (var (variant, apply) in variants)
            {
                var query = apply(range);
                var (rollupTimes, rollupAnswer) = await TimeAsync(services, query, db => new DashboardReadStore(db), iterations, clock);

                // The raw aggregation is slow at this scale: compared unfiltered for every range, and every variant of the short ranges.
                var compare = rawIterations > 0 && (variant == "unfiltered" || label is "24h" or "7d");
                if (!compare)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {variant} | {Median(rollupTimes):F1} | {rollupTimes.Max():F1} | | | |"));
                    continue;
                }

                var (rawTimes, rawAnswer) = await TimeAsync(services, query, DashboardReadStore.RawOnly, rawIterations, clock);
                var rollupP50 = Median(rollupTimes);
                var rawP50 = Median(rawTimes);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {label} | {variant} | {rollupP50:F1} | {rollupTimes.Max():F1} | {rawP50:F0} | {rawP50 / rollupP50:F0}× | {(Same(rollupAnswer, rawAnswer) ? "yes" : "NO: " + FirstDifference(rollupAnswer, rawAnswer))} |"));
            }
        }

        return 0;
    }

    private static async Task PopulateAsync(IServiceProvider services, long rows)
    {
        var perDay = (int)Math.Ceiling(rows / 90d / DemoYield);
        Console.WriteLine($"Populating about {rows:N0} request logs: 90 days, 100 users, {perDay:N0} nominal requests a day…");
        var clock = Stopwatch.StartNew();
        var result = await InScopeAsync(services, (IServiceProvider scope) => scope.GetRequiredService<DemoDataGenerator>()
            .GenerateAsync(new DemoDataOptions(Days: 90, Users: 100, RequestsPerDay: perDay, Clear: true), null, CancellationToken.None));
        clock.Stop();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Populated {result.RequestLogs:N0} request logs (rollups included), {result.Sessions:N0} sessions, {result.Feedback:N0} feedback in {clock.Elapsed.TotalSeconds:F1} s: {result.RequestLogs / clock.Elapsed.TotalSeconds:N0} request logs/s."));
    }

    /// <summary>Each read-store method alone over one window (the median of five), to see where the time goes.</summary>
    private static async Task BreakdownAsync(IServiceProvider services, DateTime from, DateTime to, DashboardFilter filter, TimeZoneInfo zone)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Each read alone from {from:O} to {to:O} in {zone.Id}, {filter}:"));
        var days = DashboardWindow.ForCustom(from, to, zone).Buckets;
        var parts = new (string Name, Func<IDashboardReadStore, Task> Read)[]
        {
            ("buckets", s => s.GetRequestBucketsAsync(from, to, days, filter, CancellationToken.None)),
            ("latency", s => s.GetLatencyAsync(from, to, days, filter, CancellationToken.None)),
            ("error codes", s => s.GetErrorCodesAsync(from, to, filter, CancellationToken.None)),
            ("models", s => s.GetTopModelsAsync(from, to, 10, filter, CancellationToken.None)),
            ("countries", s => s.GetTopCountryCodesAsync(from, to, int.MaxValue, filter, CancellationToken.None)),
            ("top users", s => s.GetTopUsersAsync(from, to, 10, filter, CancellationToken.None)),
            ("top keys", s => s.GetTopApiKeysAsync(from, to, 10, filter, CancellationToken.None)),
            ("endpoints", s => s.GetEndpointsAsync(from, to, filter, CancellationToken.None)),
            ("users and sessions", s => s.GetUserActivityAsync(from, to, filter, CancellationToken.None)),
            ("ratings", s => s.GetRatingCountsAsync(from, to, filter, CancellationToken.None)),
            ("threats", s => s.GetThreatTotalsAsync(from, to, 10, CancellationToken.None)),
        };
        foreach (var (name, read) in parts)
        {
            var times = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var store = new DashboardReadStore(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
                var clock = Stopwatch.StartNew();
                await read(store);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {Median(times.Skip(1).ToList()):F1} ms"));
        }
    }

    /// <summary>One warm-up, then the timed runs; each in a fresh scope (a fresh DbContext), as a request would be.</summary>
    private static async Task<(List<double> Milliseconds, DashboardDto Answer)> TimeAsync(IServiceProvider services, GetDashboardQuery query, Func<DashboardDbContext, IDashboardReadStore> store, int iterations, TimeProvider clock)
    {
        var answer = await RunAsync(services, query, store, clock);
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            answer = await RunAsync(services, query, store, clock);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return (times, answer);
    }

    private static async Task<DashboardDto> RunAsync(IServiceProvider services, GetDashboardQuery query, Func<DashboardDbContext, IDashboardReadStore> store, TimeProvider clock)
    {
        await using var scope = services.CreateAsyncScope();
        var handler = new GetDashboardQueryHandler(
            store(scope.ServiceProvider.GetRequiredService<DashboardDbContext>()),
            clock,
            scope.ServiceProvider.GetRequiredService<TypeAdapterConfig>());
        return await handler.Handle(query, CancellationToken.None);
    }

    /// <summary>
    /// Equal apart from generatedAt (when each answer was made) and the sketched percentiles, which must be within 1 % of
    /// the raw rows' exact ones (the summary's, the previous period's and every latency point's).
    /// </summary>
    private static bool Same(DashboardDto rolled, DashboardDto raw)
    {
        var pairs = new List<(double? Rolled, double? Raw)>
        {
            (rolled.Summary.P50LatencyMs, raw.Summary.P50LatencyMs), (rolled.Summary.P95LatencyMs, raw.Summary.P95LatencyMs),
            (rolled.Summary.P99LatencyMs, raw.Summary.P99LatencyMs), (rolled.Summary.P50TtftMs, raw.Summary.P50TtftMs),
            (rolled.Summary.P95TtftMs, raw.Summary.P95TtftMs), (rolled.Previous.P95LatencyMs, raw.Previous.P95LatencyMs),
        };
        pairs.AddRange(rolled.Latency.Zip(raw.Latency).SelectMany(p => new[] { (p.First.P50, p.Second.P50), (p.First.P95, p.Second.P95), (p.First.P99, p.Second.P99) }));
        pairs.AddRange(rolled.TopEndpoints.Zip(raw.TopEndpoints).Select(p => (p.First.P95LatencyMs, p.Second.P95LatencyMs)));
        var withinOnePercent = pairs.All(p => p.Rolled.HasValue == p.Raw.HasValue && (p.Raw is not double exact || Math.Abs(p.Rolled!.Value - exact) <= 0.01 * exact));
        return withinOnePercent && JsonSerializer.Serialize(WithoutSketches(rolled)) == JsonSerializer.Serialize(WithoutSketches(raw));
    }

    /// <summary>The first figure outside the sketches where two answers differ, to say what "NO" means.</summary>
    private static string FirstDifference(DashboardDto rolled, DashboardDto raw)
    {
        var (a, b) = (JsonSerializer.SerializeToNode(WithoutSketches(rolled))!, JsonSerializer.SerializeToNode(WithoutSketches(raw))!);
        return Difference(a, b, "$") ?? "a percentile beyond 1 %";

        static string? Difference(System.Text.Json.Nodes.JsonNode? x, System.Text.Json.Nodes.JsonNode? y, string path) => (x, y) switch
        {
            (System.Text.Json.Nodes.JsonObject o, System.Text.Json.Nodes.JsonObject p) => o.Select(kv => Difference(kv.Value, p[kv.Key], $"{path}.{kv.Key}")).FirstOrDefault(d => d is not null),
            (System.Text.Json.Nodes.JsonArray o, System.Text.Json.Nodes.JsonArray p) when o.Count == p.Count => o.Select((v, i) => Difference(v, p[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null),
            _ => System.Text.Json.Nodes.JsonNode.DeepEquals(x, y) ? null : $"{path} {x?.ToJsonString()} vs {y?.ToJsonString()}",
        };
    }

    private static DashboardDto WithoutSketches(DashboardDto d) => d with
    {
        GeneratedAt = default,
        Summary = d.Summary with { P50LatencyMs = null, P95LatencyMs = null, P99LatencyMs = null, P50TtftMs = null, P95TtftMs = null },
        Previous = d.Previous with { P95LatencyMs = null },
        Latency = [.. d.Latency.Select(p => p with { P50 = null, P95 = null, P99 = null })],
        TopEndpoints = [.. d.TopEndpoints.Select(e => e with { P95LatencyMs = null })],
    };

    /// <summary>Rows of the raw table and every rollup table, and their bytes on disk with indexes (PostgreSQL; SQLite: the file).</summary>
    private static async Task TableSizesAsync(IServiceProvider services, string provider)
    {
        string[] tables =
        [
            "request_logs", "request_rollups_hourly", "request_rollups_daily", "request_cubes_hourly", "request_cubes_daily",
            "request_facets_hourly", "request_facets_daily", "active_users_hourly", "active_users_daily", "session_rollups_hourly", "session_rollups_daily",
            "feedback_logs", "feedback_cubes_hourly", "feedback_cubes_daily", "feedback_rollups_hourly", "feedback_rollups_daily", "request_pairs_hourly", "request_pairs_daily",
        ];
        Console.WriteLine("| table | rows | MiB on disk (with indexes; PostgreSQL) |");
        Console.WriteLine("|---|---|---|");
        await using var scope = services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            var rows = await ScalarAsync(connection, $"SELECT COUNT(*) FROM {table}");
            // The bundled SQLite has no dbstat table: only the file's size is known there.
            var bytes = provider == "Sqlite" ? (long?)null : await ScalarAsync(connection, $"SELECT pg_total_relation_size('{table}')");
            var size = bytes is long b ? (b / 1048576d).ToString("F1", CultureInfo.InvariantCulture) : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | {rows:N0} | {size} |"));
        }

        if (provider == "Sqlite")
        {
            var fileBytes = await ScalarAsync(connection, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SQLite file: {fileBytes / 1048576d:F1} MiB in all"));
        }
    }

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<DashboardDbContext, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
