using System.Diagnostics;
using System.Globalization;
using System.Text;
using CleanDashboard.Application;
using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Capture.Redaction;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanDashboard.Benchmarks;

/// <summary>
/// Capture off vs on, side by side in one run, through the real <see cref="RequestLogBatchWriter"/> (batches of 1,000)
/// into a fresh database per pass, SQLite or PostgreSQL: the writer's CPU per request and per KB of captured text (raw,
/// before compression: what was asked and answered), with demo-echo's bodies and with 16 KB bodies; the capture's own
/// CPU (cap, redact, compress, search text — on the request's side, after the answer); the bytes each captured request
/// adds to the capture table and the full-text index, per million requests; on SQLite the CPU of
/// <see cref="CaptureSearchIndexer"/>, which writes the full-text rows after the writer's commits (decision 130), apart. Rounds alternate off / demo / 16 KB so
/// other load on the machine falls on all three alike; medians are reported.
/// </summary>
internal static class CaptureCost
{
    private const int BatchSize = 1_000;

    internal static readonly string[] Prompts =
    [
        "Summarise the attached quarterly report in three bullet points for the board, keep it under one hundred words",
        "Write a polite reply to a customer whose parcel arrived late and offer a ten percent voucher for the next order",
        "Explain the difference between a process and a thread to a new engineer, with one example from a web server",
        "Translate into German: the meeting is moved to Thursday at ten, please bring the signed contract with you",
        "List five questions to ask in an interview for a senior data engineer position and say what a good answer shows",
        "Hello gateway",
    ];

    private static readonly string[] Words =
    [
        "the", "report", "shows", "revenue", "grew", "in", "every", "region", "while", "costs", "fell", "after", "we", "moved",
        "support", "to", "the", "new", "platform", "customers", "asked", "for", "faster", "delivery", "and", "clearer", "invoices",
        "our", "engineers", "rebuilt", "the", "pipeline", "so", "that", "each", "order", "is", "tracked", "from", "warehouse", "door",
    ];

    private sealed record Pass(string Name, CapturedExchange[]? Captures, long TextBytes);

    private sealed record Measured(TimeSpan WriterCpu, TimeSpan ServerCpu, long DatabaseBytes, long CaptureBytes, long IndexBytes, TimeSpan IndexerCpu = default);

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = WriterThroughput.Option(args, "--requests", 20_000);
        var rounds = WriterThroughput.Option(args, "--rounds", 3);
        var provider = OptionText(args, "--provider") ?? "Sqlite";
        var server = OptionText(args, "--connection") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";
        var builder = new CaptureBuilder(new CaptureOptions { Enabled = true }, Redactor.From(new CaptureOptions()));

        Pass[] passes =
        [
            new("off", null, 0),
            Build(builder, "demo", requests, DemoBodies),
            Build(builder, "16 KB", requests, SixteenKilobyteBodies),
        ];
        if (args.Contains("--split"))
        {
            // The same captures with nothing to index: what the full-text rows cost, against what the stored rows cost.
            passes = [.. passes, .. passes.Skip(1).Select(p => p with { Name = p.Name + " not indexed", Captures = [.. p.Captures!.Select(c => c with { SearchText = string.Empty })] })];
        }

        if (args.Contains("--interleaved"))
        {
            // Only the side-by-side CPU figures, after a short warm-up: no per-pass databases, no storage figures.
            await InterleavedAsync(provider, server, Math.Min(requests, 2_000), passes.Select(p => p with { Captures = p.Captures?[..Math.Min(requests, 2_000)] }).ToArray());
            await PrintInterleavedAsync(provider, server, requests, passes);
            return 0;
        }

        Console.WriteLine($"{provider}: {requests:N0} requests per pass, {rounds} rounds (+1 warm-up), batches of {BatchSize:N0}; load {File.ReadAllText("/proc/loadavg").Trim()}");
        await WriteAsync(provider, server, Math.Min(requests, 2_000), passes.Select(p => p with { Captures = p.Captures?[..Math.Min(requests, 2_000)] }).ToArray());
        var results = passes.ToDictionary(p => p.Name, _ => new List<Measured>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (pass, measured) in passes.Zip(await WriteAsync(provider, server, requests, passes)))
            {
                results[pass.Name].Add(measured);
            }
        }

        var off = Median(results["off"]);
        Console.WriteLine($"writer, capture off: {off.WriterCpu.TotalMicroseconds / requests:F1} µs CPU per request{ServerNote(off, requests)}");
        foreach (var pass in passes.Skip(1))
        {
            var on = Median(results[pass.Name]);
            var kb = pass.TextBytes / 1024.0;
            var compressed = pass.Captures!.Sum(c => (long)c.RequestBody.Length + c.ResponseText.Length);
            Console.WriteLine($"writer, capture on, {pass.Name} bodies ({pass.TextBytes / (double)requests:N0} B raw, {compressed / (double)requests:N0} B Brotli per request): {on.WriterCpu.TotalMicroseconds / requests:F1} µs CPU per request{ServerNote(on, requests)}");
            Console.WriteLine($"  added by capture: {(on.WriterCpu - off.WriterCpu).TotalMicroseconds / kb:F2} µs writer CPU per KB raw ({(on.WriterCpu - off.WriterCpu).TotalMicroseconds / requests:F1} µs per request){(provider == "Sqlite" ? string.Empty : $"; database server {(on.ServerCpu - off.ServerCpu).TotalMicroseconds / kb:F2} µs per KB")}");
            if (provider == "Sqlite")
            {
                Console.WriteLine($"  full-text index after the commit (CaptureSearchIndexer, not the writer): {(on.IndexerCpu - off.IndexerCpu).TotalMicroseconds / kb:F2} µs CPU per KB raw ({(on.IndexerCpu - off.IndexerCpu).TotalMicroseconds / requests:F1} µs per request)");
            }

            Console.WriteLine($"  storage per million requests: {Gb(on.DatabaseBytes - off.DatabaseBytes, requests)} GB more database ({Gb(on.CaptureBytes, requests)} GB capture table, {Gb(on.IndexBytes, requests)} GB full-text index)");
        }

        await PrintInterleavedAsync(provider, server, requests, passes);
        return 0;
    }

    private static async Task PrintInterleavedAsync(string provider, string server, int requests, Pass[] passes)
    {
        Console.WriteLine($"interleaved: every pass's batches taking turns in one database, CPU {(provider == "Sqlite" ? "on the thread that ran each" : "of the process (PostgreSQL's server not counted)")}, median batch; load {File.ReadAllText("/proc/loadavg").Trim()}");
        var measured = await InterleavedAsync(provider, server, requests, passes);
        if (measured.Any(m => m is null))
        {
            Console.WriteLine("  not measured: a batch continued on another thread than it started on");
            return;
        }

        var off = measured[0]!.Value;
        Console.WriteLine($"  capture off: writer {off.Writer:F1} µs per request");
        foreach (var (pass, on) in passes.Zip(measured).Skip(1))
        {
            var kbPerRequest = pass.TextBytes / (double)requests / 1024;
            var added = on!.Value.Writer - off.Writer;
            var indexing = on.Value.Indexer - off.Indexer;
            Console.WriteLine($"  {pass.Name}: writer {on.Value.Writer:F1} µs per request, added by capture {added:F1} µs = {added / kbPerRequest:F2} µs per KB raw; full-text index after the commit {indexing:F1} µs per request = {indexing / kbPerRequest:F2} µs per KB raw");
        }
    }

    /// <summary>Captures built as the gateway builds them after the answer; their CPU per KB is the request side's share.</summary>
    private static Pass Build(CaptureBuilder builder, string name, int requests, Func<string, int, (string Request, string Response)> bodies)
    {
        var captures = new CapturedExchange[requests];
        long textBytes = 0;
        var cpu = Cpu();
        for (var i = 0; i < requests; i++)
        {
            var (request, response) = bodies(Prompts[i % Prompts.Length], i);
            var requestBytes = Encoding.UTF8.GetBytes(request);
            captures[i] = builder.Build(requestBytes, requestBytes.Length, response, responseTruncated: false, "application/json", "openai-python/1.54.0");
            textBytes += requestBytes.Length + Encoding.UTF8.GetByteCount(response);
        }

        cpu = Cpu() - cpu;
        Console.WriteLine($"capture built on the request's side, {name} bodies: {cpu.TotalMicroseconds / (textBytes / 1024.0):F2} µs CPU per KB raw ({cpu.TotalMicroseconds / requests:F1} µs per request)");
        return new Pass(name, captures, textBytes);
    }

    internal static (string Request, string Response) DemoBodies(string prompt, int i) => Exchange(prompt, "Echo: " + prompt, i);

    /// <summary>A 16 KB prompt answered by a 16 KB text: prose from a fixed vocabulary, different per request.</summary>
    internal static (string Request, string Response) SixteenKilobyteBodies(string prompt, int i)
    {
        var random = new Random(i);
        string Prose()
        {
            var text = new StringBuilder(16_500);
            while (text.Length < 16_000)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(random.Next(12) == 0 ? ". " : " ");
            }

            return text.ToString();
        }

        return Exchange(prompt + " " + Prose(), Prose(), i);
    }

    private static (string Request, string Response) Exchange(string prompt, string answer, int i)
    {
        var request = $$"""{"model":"demo-echo","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"{{prompt}}"}]}""";
        var words = prompt.Split(' ').Length;
        var response = $$"""{"id":"chatcmpl-{{Guid.NewGuid():N}}","object":"chat.completion","created":{{1_796_000_000 + i}},"model":"demo-echo","choices":[{"index":0,"message":{"role":"assistant","content":"{{answer}}","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":{{words + 5}},"completion_tokens":{{words + 1}},"total_tokens":{{(2 * words) + 6}}},"system_fingerprint":"demo-echo"}""";
        return (request, response);
    }

    /// <summary>One round: every pass in order, each into a database of its own with the same request logs.</summary>
    private static async Task<Measured[]> WriteAsync(string provider, string server, int requests, Pass[] passes)
    {
        var measured = new Measured[passes.Length];
        for (var i = 0; i < passes.Length; i++)
        {
            measured[i] = await WriteAsync(provider, server, requests, passes[i].Captures);
        }

        return measured;
    }

    /// <summary>Writes the requests (with the captures, when given) in batches into a fresh database; the CPU it took and the bytes it holds.</summary>
    private static Task<Measured> WriteAsync(string provider, string server, int requests, CapturedExchange[]? captures) =>
        InFreshDatabaseAsync(provider, server, async services =>
        {
            var sqlite = provider == "Sqlite";
            var entries = Entries(await WriterThroughput.CreateUsersAsync(services, 200), requests, captures);
            GC.Collect();
            var indexer = services.GetRequiredService<CaptureSearchIndexer>();
            var serverCpu = sqlite ? TimeSpan.Zero : PostgresCpu();
            var cpu = TimeSpan.Zero;
            var indexerCpu = TimeSpan.Zero;
            for (var at = 0; at < requests; at += BatchSize)
            {
                var started = Cpu();
                await WriteBatchAsync(services, entries.GetRange(at, Math.Min(BatchSize, requests - at)));

                // SQLite's full-text rows follow each commit (decision 130), as the app's indexer is woken by it: measured apart.
                var written = Cpu();
                await indexer.CatchUpAsync(CancellationToken.None);
                (cpu, indexerCpu) = (cpu + (written - started), indexerCpu + (Cpu() - written));
            }

            serverCpu = sqlite ? TimeSpan.Zero : PostgresCpu() - serverCpu;
            await using var sizes = services.CreateAsyncScope();
            var db = sizes.ServiceProvider.GetRequiredService<DashboardDbContext>().Database.GetDbConnection();
            await db.OpenAsync();
            return (sqlite ? await SqliteSizesAsync(db, cpu) : await PostgresSizesAsync(db, cpu, serverCpu)) with { IndexerCpu = indexerCpu };
        });

    /// <summary>
    /// The writer's and the indexer's CPU per batch, on the thread that ran each (<see cref="ThreadCpu"/>), with every
    /// pass's batches taking turns in one database — the same file, caches and size for all, the order rotating per
    /// batch — so a pass is compared with capture off batch by batch rather than across databases written minutes apart.
    /// Per pass: the median batch's CPU per request; null when a batch changed threads.
    /// </summary>
    private static Task<(double Writer, double Indexer)?[]> InterleavedAsync(string provider, string server, int requests, Pass[] passes) =>
        InFreshDatabaseAsync(provider, server, async services =>
        {
            var userIds = await WriterThroughput.CreateUsersAsync(services, 200);
            var entries = passes.Select(pass => Entries(userIds, requests, pass.Captures)).ToList();

            var indexer = services.GetRequiredService<CaptureSearchIndexer>();

            // Npgsql's awaits continue on other threads: there the whole process's CPU, noisier, is all there is.
            Func<Func<Task>, Task<TimeSpan?>> measure = provider == "Sqlite" ? ThreadCpu.Measure : ProcessCpuAsync;
            var writer = passes.Select(_ => new List<double>()).ToArray();
            var indexing = passes.Select(_ => new List<double>()).ToArray();
            var hopped = false;
            for (var (at, turn) = (0, 0); at < requests; at += BatchSize, turn++)
            {
                for (var k = 0; k < passes.Length; k++)
                {
                    var i = (k + turn) % passes.Length;
                    var batch = entries[i].GetRange(at, Math.Min(BatchSize, requests - at));
                    var written = await measure(() => WriteBatchAsync(services, batch));
                    var indexed = await measure(() => indexer.CatchUpAsync(CancellationToken.None));
                    hopped |= written is null || indexed is null;
                    writer[i].Add((written ?? TimeSpan.Zero).TotalMicroseconds / batch.Count);
                    indexing[i].Add((indexed ?? TimeSpan.Zero).TotalMicroseconds / batch.Count);
                }
            }

            static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
            return passes.Select((_, i) => hopped ? ((double, double)?)null : (Median(writer[i]), Median(indexing[i]))).ToArray();
        });

    private static async Task<TimeSpan?> ProcessCpuAsync(Func<Task> work)
    {
        var started = Cpu();
        await work();
        return Cpu() - started;
    }

    private static async Task WriteBatchAsync(ServiceProvider services, List<TrackedRequest> batch)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(batch, CancellationToken.None);
    }

    private static List<TrackedRequest> Entries(int[] userIds, int requests, CapturedExchange[]? captures)
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, requests).Select(i => WriterThroughput.Entry(random, userIds) with { Capture = captures?[i] })];
    }

    /// <summary>Runs <paramref name="work"/> against a new, migrated SQLite file or PostgreSQL database, deleted afterwards.</summary>
    private static async Task<T> InFreshDatabaseAsync<T>(string provider, string server, Func<ServiceProvider, Task<T>> work)
    {
        var name = "cd_capture_bench_" + Guid.NewGuid().ToString("N")[..12];
        var directory = Path.Combine(Path.GetTempPath(), name);
        var sqlite = provider == "Sqlite";
        string connection;
        if (sqlite)
        {
            Directory.CreateDirectory(directory);
            connection = $"Data Source={Path.Combine(directory, "bench.db")}";
        }
        else
        {
            await AdminAsync(server, $"CREATE DATABASE {name}");
            connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        }

        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:Dashboard"] = connection,
            }).Build();
            await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
                .AddApplication().AddInfrastructure(configuration).BuildServiceProvider();
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            return await work(services);
        }
        finally
        {
            if (sqlite)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
            else
            {
                NpgsqlConnection.ClearAllPools();
                await AdminAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }
        }
    }

    /// <summary>The file after a checkpoint; the capture table's bytes (blobs and short columns) and the FTS5 index's blocks.</summary>
    private static async Task<Measured> SqliteSizesAsync(System.Data.Common.DbConnection db, TimeSpan cpu)
    {
        await ScalarAsync(db, "PRAGMA wal_checkpoint(TRUNCATE)");
        var file = await ScalarAsync(db, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
        var captures = await ScalarAsync(db, """SELECT COALESCE(SUM(length("RequestBody") + length("ResponseText") + length("Redactions") + length("ContentType") + length("UserAgent") + 40), 0) FROM request_captures""");
        var index = await ScalarAsync(db, $"SELECT COALESCE(SUM(length(block)), 0) FROM {CaptureSearchSqlTable}_data");
        return new Measured(cpu, TimeSpan.Zero, file, captures, index);
    }

    private const string CaptureSearchSqlTable = "request_capture_search";

    /// <summary>Relations with their TOAST and indexes; the GIN index counted as the full-text index.</summary>
    private static async Task<Measured> PostgresSizesAsync(System.Data.Common.DbConnection db, TimeSpan cpu, TimeSpan serverCpu)
    {
        await ScalarAsync(db, "VACUUM ANALYZE request_captures");
        var database = await ScalarAsync(db, "SELECT pg_database_size(current_database())");
        var index = await ScalarAsync(db, "SELECT pg_relation_size('\"IX_request_captures_SearchVector\"')");
        var captures = await ScalarAsync(db, "SELECT pg_total_relation_size('request_captures')") - index;
        return new Measured(cpu, serverCpu, database, captures, index);
    }

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    internal static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>CPU of every PostgreSQL process on this machine (the backend the writer talks to, WAL writer, checkpointer) from /proc.</summary>
    internal static TimeSpan PostgresCpu()
    {
        long ticks = 0;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)).Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var close = text.LastIndexOf(')');
                if (!text.Contains("(postgres)", StringComparison.Ordinal) || close < 0)
                {
                    continue;
                }

                var fields = text[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile, or is not ours to read.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static Measured Median(List<Measured> runs)
    {
        T Mid<T>(IEnumerable<T> values) => values.Order().ElementAt(runs.Count / 2);
        return new Measured(Mid(runs.Select(r => r.WriterCpu)), Mid(runs.Select(r => r.ServerCpu)), Mid(runs.Select(r => r.DatabaseBytes)), Mid(runs.Select(r => r.CaptureBytes)), Mid(runs.Select(r => r.IndexBytes)), Mid(runs.Select(r => r.IndexerCpu)));
    }

    private static string ServerNote(Measured measured, int requests) =>
        measured.ServerCpu == TimeSpan.Zero ? string.Empty : $" (database server {measured.ServerCpu.TotalMicroseconds / requests:F1} µs)";

    private static string Gb(long bytes, int requests) => (bytes / (double)requests * 1_000_000 / 1e9).ToString("F2", CultureInfo.InvariantCulture);

    internal static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
