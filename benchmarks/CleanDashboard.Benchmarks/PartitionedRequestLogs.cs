using System.Diagnostics;
using System.Globalization;
using CleanDashboard.Application;
using CleanDashboard.Infrastructure;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace CleanDashboard.Benchmarks;

/// <summary>
/// Issue 15's day partitions against the single table before them, side by side on one PostgreSQL server: two fresh
/// databases, one migrated to the migration before <c>PartitionRequestLogsByDay</c> (today's table), one fully (partitioned,
/// its partitions created as the app does). Each: insert rate at empty, the same rows again after <c>--rows</c> request
/// logs over <c>--days</c> days, lookups by id, then the real retention job deleting the oldest day (pauses off).
/// Inserts are binary COPY in 1,000-row transactions, as the background writer sends a batch (decision 128).
/// </summary>
internal static class PartitionedRequestLogs
{
    private const int InsertBatches = 100;
    private const int BatchRows = 1_000;
    private const int Lookups = 2_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var server = CaptureCost.OptionText(args, "--connection") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";
        var rows = long.Parse(CaptureCost.OptionText(args, "--rows") ?? "10000000", CultureInfo.InvariantCulture);
        var days = int.Parse(CaptureCost.OptionText(args, "--days") ?? "100", CultureInfo.InvariantCulture);
        var today = DateTime.UtcNow.Date;
        var firstDay = today.AddDays(-days);
        Console.WriteLine($"{rows:N0} request logs over {days} days ({firstDay:yyyy-MM-dd} to {today.AddDays(-1):yyyy-MM-dd}); inserts: {InsertBatches} × {BatchRows:N0} rows of today by COPY");
        foreach (var partitioned in new[] { false, true })
        {
            await RunOneAsync(server, partitioned, rows, days, firstDay);
        }

        return 0;
    }

    private static async Task RunOneAsync(string server, bool partitioned, long rows, int days, DateTime firstDay)
    {
        var label = partitioned ? "partitioned by day" : "one table (before)";
        var name = "cd_partition_bench_" + Guid.NewGuid().ToString("N")[..12];
        await CaptureCost.AdminAsync(server, $"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Dashboard"] = connection,
            ["Retention:RequestLogDays"] = (days - 1).ToString(CultureInfo.InvariantCulture), // the cutoff is the second day: the first goes
            ["Retention:PauseMs"] = "0",
            ["RequestLogWriter:JournalPath"] = Path.Combine(Path.GetTempPath(), name + ".request-journal"),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddApplication().AddInfrastructure(configuration).BuildServiceProvider();
        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
                var migrations = db.Database.GetMigrations().ToList();
                var target = partitioned ? migrations[^1] : migrations[migrations.FindIndex(m => m.EndsWith("_PartitionRequestLogsByDay", StringComparison.Ordinal)) - 1];
                await db.GetService<IMigrator>().MigrateAsync(target);
                if (partitioned)
                {
                    await scope.ServiceProvider.GetRequiredService<RequestLogPartitions>().EnsureAsync(CancellationToken.None, firstDay);
                }
            }

            await using var npgsql = new NpgsqlConnection(connection);
            await npgsql.OpenAsync();
            var firstUser = await CreateUsersAsync(npgsql);
            var empty = await InsertRateAsync(npgsql, firstUser);

            var clock = Stopwatch.StartNew();
            await PopulateAsync(npgsql, rows, days, firstDay, firstUser);
            await ExecuteAsync(npgsql, "VACUUM ANALYZE request_logs");
            var populated = clock.Elapsed;
            var full = await InsertRateAsync(npgsql, firstUser);
            var lookup = await LookupAsync(npgsql, rows);
            var size = await ScalarAsync(npgsql, "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c WHERE c.relname LIKE 'request\\_logs%' AND c.relkind IN ('r', 'p')");

            clock.Restart();
            await using (var scope = services.CreateAsyncScope())
            {
                var deleted = await scope.ServiceProvider.GetRequiredService<RequestLogRetention>().PurgeAsync(CancellationToken.None);
                var retention = clock.Elapsed;
                Console.WriteLine(
                    $"{label,-20} populated in {populated.TotalSeconds:F0} s ({size}); insert {empty:N0} rows/s empty, {full:N0} rows/s at {rows:N0} ({full / empty:P0}); " +
                    $"lookup by id p50 {lookup.P50:F3} ms, p99 {lookup.P99:F3} ms; retention of one day: {deleted:N0} request logs in {retention.TotalMilliseconds:N0} ms");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await CaptureCost.AdminAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task<int> CreateUsersAsync(NpgsqlConnection connection)
    {
        await ExecuteAsync(connection, """INSERT INTO users ("Name", "Role", "CreatedAt") SELECT 'bench-' || g, 'member', now() FROM generate_series(1, 200) AS g""");
        return Convert.ToInt32(await ScalarAsync(connection, """SELECT min("Id") FROM users"""), CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of the benchmark's shape, <paramref name="rows"/> spread evenly over the days, in 1,000,000-row statements.</summary>
    private static async Task PopulateAsync(NpgsqlConnection connection, long rows, int days, DateTime firstDay, int firstUser)
    {
        const long chunk = 1_000_000;
        var perSecond = rows / (days * 86_400.0);
        for (long start = 0; start < rows; start += chunk)
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO request_logs ("CreatedAt", "Endpoint", "Method", "StatusCode", "LatencyMs", "ModelName", "PromptTokens", "CompletionTokens", "TotalTokens", "CostUsd", "CountryCode", "UserId", "UsageEstimated", "Source")
                SELECT @first + make_interval(secs => g / @perSecond), '/v1/chat/completions', 'POST', CASE WHEN g % 20 = 0 THEN 500 ELSE 200 END,
                       100 + g % 900, (ARRAY['gpt-4o-mini', 'gpt-4o', 'llama3.2', 'claude-3-5-sonnet'])[1 + g % 4], 100 + g % 50, 20 + g % 30, 120 + g % 50 + g % 30,
                       0.0000123, 'DE', @user + (g * 7919) % 200, false, 'gateway'
                FROM generate_series(@start, @end) AS g
                """,
                connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("first", firstDay);
            command.Parameters.AddWithValue("perSecond", perSecond);
            command.Parameters.AddWithValue("user", firstUser);
            command.Parameters.AddWithValue("start", start);
            command.Parameters.AddWithValue("end", Math.Min(start + chunk, rows) - 1);
            await command.ExecuteNonQueryAsync();
            Console.Write($"\r  {Math.Min(start + chunk, rows):N0} rows");
        }

        Console.WriteLine();
    }

    /// <summary>
    /// The median of three rounds, each after a <c>CHECKPOINT</c> (so neither schema pays for the other's or the load's
    /// dirty pages), of rows per second over <see cref="InsertBatches"/> COPY transactions of rows timed now, for 200 users.
    /// </summary>
    private static async Task<double> InsertRateAsync(NpgsqlConnection connection, int firstUser)
    {
        var rounds = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            await ExecuteAsync(connection, "CHECKPOINT");
            rounds.Add(await InsertRoundAsync(connection, firstUser));
        }

        Console.WriteLine($"  insert rounds: {string.Join(", ", rounds.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} rows/s");
        return rounds.Order().ElementAt(1);
    }

    private static async Task<double> InsertRoundAsync(NpgsqlConnection connection, int firstUser)
    {
        var clock = Stopwatch.StartNew();
        for (var batch = 0; batch < InsertBatches; batch++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var copy = await connection.BeginBinaryImportAsync(
                """COPY request_logs ("CreatedAt", "Endpoint", "Method", "StatusCode", "LatencyMs", "ModelName", "PromptTokens", "CompletionTokens", "TotalTokens", "CostUsd", "CountryCode", "UserId", "UsageEstimated", "Source") FROM STDIN (FORMAT BINARY)"""))
            {
                var now = DateTime.UtcNow;
                for (var i = 0; i < BatchRows; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("/v1/chat/completions", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("POST", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(200, NpgsqlDbType.Integer);
                    await copy.WriteAsync(120.5, NpgsqlDbType.Double);
                    await copy.WriteAsync("gpt-4o-mini", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(100, NpgsqlDbType.Integer);
                    await copy.WriteAsync(20, NpgsqlDbType.Integer);
                    await copy.WriteAsync(120, NpgsqlDbType.Integer);
                    await copy.WriteAsync(0.0000123m, NpgsqlDbType.Numeric);
                    await copy.WriteAsync("DE", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(firstUser + ((batch * BatchRows + i) * 7919 % 200), NpgsqlDbType.Integer);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                    await copy.WriteAsync("gateway", NpgsqlDbType.Varchar);
                }

                await copy.CompleteAsync();
            }

            await transaction.CommitAsync();
        }

        return InsertBatches * BatchRows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Milliseconds per lookup of one request log by id, as the detail page and feedback do, over random ids.</summary>
    private static async Task<(double P50, double P99)> LookupAsync(NpgsqlConnection connection, long rows)
    {
        var random = new Random(15);
        var times = new List<double>(Lookups);
        await using var command = new NpgsqlCommand("""SELECT "ModelName" FROM request_logs WHERE "Id" = @id""", connection);
        var id = command.Parameters.Add("id", NpgsqlDbType.Bigint);
        await command.PrepareAsync();
        for (var i = 0; i < Lookups; i++)
        {
            id.Value = random.NextInt64(1, rows + 1);
            var started = Stopwatch.GetTimestamp();
            await command.ExecuteScalarAsync();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return (times[Lookups / 2], times[Lookups * 99 / 100]);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteScalarAsync();
    }
}
