using System.Diagnostics;
using CleanDashboard.Application;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Benchmarks;

/// <summary>
/// Feeds the real queue and background writer (real SQLite file, sessions and daily stats included):
/// first at a fixed rate for a fixed time, counting drops and the deepest queue; then a backlog as fast
/// as the writer can take it, for its ceiling.
/// </summary>
internal static class WriterThroughput
{
    private static readonly string[] Models = ["llama3.2", "gpt-4o-mini", "gpt-4o", "claude-3-5-sonnet", "mistral-7b", "text-embedding-3-small"];
    private static readonly int[] Statuses = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 400, 429, 500];

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 20_000);
        var seconds = Option(args, "--seconds", 20);
        var batchSize = Option(args, "--batch-size", new RequestLogWriterOptions().BatchSize);
        var batchDelayMs = Option(args, "--batch-delay-ms", new RequestLogWriterOptions().BatchDelayMs);
        var provider = CaptureCost.OptionText(args, "--provider") ?? "Sqlite";
        var server = CaptureCost.OptionText(args, "--connection") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";
        var sqlite = provider == "Sqlite";
        var name = "cd_writer_bench_" + Guid.NewGuid().ToString("N")[..12];
        var directory = Path.Combine(Path.GetTempPath(), name);
        string connection;
        if (sqlite)
        {
            Directory.CreateDirectory(directory);
            connection = $"Data Source={Path.Combine(directory, "bench.db")}";
        }
        else
        {
            await CaptureCost.AdminAsync(server, $"CREATE DATABASE {name}");
            connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Dashboard"] = connection,
            ["RequestLogWriter:QueueCapacity"] = "100000",
            ["RequestLogWriter:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RequestLogWriter:BatchDelayMs"] = batchDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RequestLogWriter:JournalPath"] = Path.Combine(directory, "bench.request-journal"),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddApplication().AddInfrastructure(configuration).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var userIds = await CreateUsersAsync(services, 200);

        var queue = services.GetRequiredService<RequestLogQueue>();
        var writer = services.GetRequiredService<RequestLogWriter>();
        await writer.StartAsync(CancellationToken.None);
        var random = new Random(7);

        Console.WriteLine($"{provider}, sustained: {rate:N0} entries/s for {seconds} s (queue capacity 100,000, batch {batchSize:N0} / {batchDelayMs} ms)");
        await SustainAsync(seconds);

        async Task SustainAsync(int forSeconds)
        {
            var (writtenBefore, droppedBefore) = (writer.Written, queue.Dropped);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var produced = 0L;
            var maxPending = 0;
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < forSeconds)
            {
                // Every 5 ms, what the rate owes since the start: the rate holds however late a tick comes.
                var due = (long)(clock.Elapsed.TotalSeconds * rate);
                for (; produced < due; produced++)
                {
                    queue.TryEnqueue(Entry(random, userIds));
                }

                maxPending = Math.Max(maxPending, queue.Pending);
                await tick.WaitForNextTickAsync();
            }

            var produceEnd = clock.Elapsed;
            await WaitForAsync(() => writer.Written - writtenBefore + queue.Dropped - droppedBefore >= produced);
            var drainEnd = clock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Console.WriteLine(
                $"  produced {produced:N0} in {produceEnd.TotalSeconds:F1} s; written {writer.Written - writtenBefore:N0}; dropped {queue.Dropped - droppedBefore:N0}; deepest queue {maxPending:N0}; "
                + $"all written {(drainEnd - produceEnd).TotalMilliseconds:N0} ms after the last entry; CPU {cpu.TotalMicroseconds / Math.Max(1, produced):F1} µs per entry (producer included)");
        }

        // The first backlog also pays for compiling the writer's code (tiered JIT); later rounds are the steady cost.
        var rounds = Option(args, "--backlog-rounds", 3);
        const int Backlog = 100_000;
        for (var round = 1; round <= rounds; round++)
        {
            var before = writer.Written;
            var droppedBefore = queue.Dropped;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var serverBefore = sqlite ? TimeSpan.Zero : CaptureCost.PostgresCpu();
            var backlogClock = Stopwatch.StartNew();
            for (var i = 0; i < Backlog; i++)
            {
                queue.TryEnqueue(Entry(random, userIds));
            }

            await WaitForAsync(() => writer.Written - before + (queue.Dropped - droppedBefore) >= Backlog);
            backlogClock.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var serverCpu = sqlite ? string.Empty : $"; PostgreSQL's processes {(CaptureCost.PostgresCpu() - serverBefore).TotalMicroseconds / Backlog:F1} µs per entry";
            Console.WriteLine($"Ceiling, round {round} of {rounds}: a backlog of {Backlog:N0} entries written in {backlogClock.Elapsed.TotalSeconds:F2} s = {Backlog / backlogClock.Elapsed.TotalSeconds:N0} entries/s (dropped {queue.Dropped - droppedBefore:N0}); CPU {cpu.TotalMicroseconds / Backlog:F1} µs per entry (producer included) = {Backlog / cpu.TotalSeconds:N0} entries per CPU-second{serverCpu}");
        }

        var steadySeconds = Option(args, "--steady-seconds", 0);
        if (steadySeconds > 0)
        {
            Console.WriteLine($"{provider}, sustained again with the code compiled: {rate:N0} entries/s for {steadySeconds} s");
            await SustainAsync(steadySeconds);
        }

        await writer.StopAsync(CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        if (!sqlite)
        {
            await CaptureCost.AdminAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }

        return queue.Dropped == 0 ? 0 : 1;
    }

    internal static TrackedRequest Entry(Random random, int[] userIds)
    {
        var model = Models[random.Next(Models.Length)];
        var status = Statuses[random.Next(Statuses.Length)];
        var ok = status < 400;
        var prompt = ok ? 100 + random.Next(900) : (int?)null;
        var completion = ok ? random.Next(600) : (int?)null;
        return new TrackedRequest
        {
            CreatedAt = DateTime.UtcNow,
            Endpoint = "/v1/chat/completions",
            Method = "POST",
            StatusCode = status,
            LatencyMs = Math.Round(50 + (random.NextDouble() * 2000), 3),
            TtftMs = ok ? Math.Round(20 + (random.NextDouble() * 200), 3) : null,
            ModelName = model,
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = prompt + completion,
            CostUsd = ok ? Math.Round((prompt!.Value + completion!.Value) * 0.000001m, 4) : null,
            CountryCode = "US",
            IpAddress = "203.0.113.5",
            UserId = userIds[random.Next(userIds.Length)],
            UserAgent = "bench/1.0",
        };
    }

    internal static async Task<int[]> CreateUsersAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var users = Enumerable.Range(1, count).Select(i => new User { Name = $"bench-{i}", Role = UserRole.Member, CreatedAt = DateTime.UtcNow }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return [.. users.Select(u => u.Id)];
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        while (!done())
        {
            await Task.Delay(10);
        }
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
