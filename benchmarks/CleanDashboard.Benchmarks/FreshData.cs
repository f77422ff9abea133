extern alias webapi;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Telemetry.Metrics;
using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Benchmarks;

/// <summary>
/// Fresh data under load (decision 080), in one process: the real app on a fresh SQLite file (or <c>--redis</c> as the
/// second cache level), <c>--rate</c> tracked demo-echo chat completions a second and <c>--reads</c> dashboard reads
/// (<c>range=24h</c>) a second, both on a fixed schedule, through TestServer or (<c>--kestrel</c>) Kestrel on a loopback port. Reports how long after its response a request is counted on
/// the dashboard (p50/p99/max), and the cache hit rate from the app's <c>cleandashboard.cache.requests</c> counter (hit/miss).
/// The i-th answered request counts as visible at the first dashboard read started after its answer whose total is at
/// least i (the writer commits in queue order, which is answer order up to a few in-flight requests).
/// </summary>
internal static class FreshData
{
    private const string Body = """{"model":"demo-echo","messages":[{"role":"user","content":"How fresh is the dashboard?"}]}""";
    private const string AdminKey = "fresh-benchmark-admin-key-0123456789abcdef";

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = int.Parse(Option(args, "--rate") ?? "2000", CultureInfo.InvariantCulture);
        var readRate = int.Parse(Option(args, "--reads") ?? "1000", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(args, "--seconds") ?? "30", CultureInfo.InvariantCulture);
        var directory = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"cd-fresh-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = $"Data Source={Path.Combine(directory, "fresh.db")}",
            ["Auth:BootstrapAdminKey"] = AdminKey,
            ["Demo:Enabled"] = "false",
            ["Gateway:DemoModel:Enabled"] = "true",
            ["RequestLogWriter:JournalPath"] = Path.Combine(directory, "fresh.request-journal"),
            ["ThreatDetection:RateLimit:PermitsPerKey"] = "100000000",
            ["ThreatDetection:RateLimit:PermitsPerAddress"] = "100000000",
            ["Logging:LogLevel:Default"] = "Error",
        };
        if (Option(args, "--redis") is { } redis)
        {
            settings["Cache:Redis"] = redis;
            settings["Cache:RedisInstanceName"] = $"cd-fresh-{Guid.NewGuid():N}:";
        }

        using var cache = new CacheCounter();
        await using var app = new BenchmarkApp(settings);
        if (args.Contains("--kestrel"))
        {
            // Real sockets on a loopback port instead of TestServer's in-memory pipes, whose locks the profile showed.
            app.UseKestrel(0);
        }

        app.StartServer();
        using var member = app.CreateClient();
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await MemberKeyAsync(app));
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);

        var answered = new ConcurrentBag<long>();
        var readings = new ConcurrentBag<Reading>();
        var readLatencies = new ConcurrentBag<double>();
        long failed = 0;
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        long sent = 0, read = 0;
        var total = (long)rate * seconds;
        var tail = TimeSpan.FromSeconds(3);
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds) + tail)
        {
            var elapsed = clock.Elapsed.TotalSeconds;
            for (var due = Math.Min(total, (long)(elapsed * rate)); sent < due; sent++)
            {
                inFlight.Add(ChatAsync());
            }

            for (var due = (long)(elapsed * readRate); read < due; read++)
            {
                inFlight.Add(ReadAsync());
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(2);
        }

        await Task.WhenAll(inFlight);
        Report(rate, readRate, seconds, answered.Order().ToArray(), readings.OrderBy(r => r.Started).ToArray(), readLatencies.Order().ToArray(), failed, cache);
        Directory.Delete(directory, recursive: true);
        return failed == 0 ? 0 : 1;

        async Task ChatAsync()
        {
            try
            {
                using var response = await member.PostAsync("/v1/chat/completions", new StringContent(Body, Encoding.UTF8, "application/json"));
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                {
                    answered.Add(Stopwatch.GetTimestamp());
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Interlocked.Increment(ref failed);
        }

        async Task ReadAsync()
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await admin.GetAsync("/api/dashboard/?range=24h");
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            var finished = Stopwatch.GetTimestamp();
            readings.Add(new Reading(started, finished, document.RootElement.GetProperty("summary").GetProperty("totalRequests").GetInt64()));
            readLatencies.Add(Stopwatch.GetElapsedTime(started, finished).TotalMilliseconds);
        }
    }

    private static void Report(int rate, int readRate, int seconds, long[] answered, Reading[] readings, double[] readLatencies, long failed, CacheCounter cache)
    {
        var delays = new List<double>(answered.Length);
        var next = 0;
        for (var i = 0; i < answered.Length; i++)
        {
            while (next < readings.Length && (readings[next].Started < answered[i] || readings[next].TotalRequests < i + 1))
            {
                next++;
            }

            if (next == readings.Length)
            {
                break;
            }

            delays.Add(Stopwatch.GetElapsedTime(answered[i], readings[next].Finished).TotalMilliseconds);
        }

        delays.Sort();
        var hitRate = cache.Reads == 0 ? 0 : 1 - ((double)cache.Computations / cache.Reads);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            asked: {rate:N0} tracked requests/s and {readRate:N0} dashboard reads/s for {seconds} s (+3 s of reads after)
            tracked: {answered.Length:N0} answered ({answered.Length / (double)seconds:N0}/s), {failed:N0} failed
            dashboard reads: {readings.Length:N0} ({readings.Length / (seconds + 3.0):N0}/s), latency p50 {Percentile(readLatencies, 0.50):F1} ms, p99 {Percentile(readLatencies, 0.99):F1} ms
            response → on the dashboard: p50 {Percentile(delays, 0.50):F0} ms, p99 {Percentile(delays, 0.99):F0} ms, max {(delays.Count == 0 ? 0 : delays[^1]):F0} ms; {answered.Length - delays.Count:N0} never seen
            cache: {cache.Reads:N0} reads, {cache.Computations:N0} computations, hit rate {hitRate:P2}
            """));
    }

    private static async Task<string> MemberKeyAsync(BenchmarkApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var member = await mediator.Send(new CreateUserCommand("fresh-load", "member"));
        return (await mediator.Send(new CreateApiKeyCommand(member.Name, "fresh benchmark"))).Key;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private readonly record struct Reading(long Started, long Finished, long TotalRequests);

    /// <summary>Sums the app's cached-query reads and misses (computations) as it reports them.</summary>
    private sealed class CacheCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _reads;
        private long _computations;

        public CacheCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == TelemetryNames.Meter && instrument.Name == "cleandashboard.cache.requests")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                Interlocked.Add(ref _reads, value);
                foreach (var tag in tags)
                {
                    if (tag is { Key: "result", Value: "miss" })
                    {
                        Interlocked.Add(ref _computations, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Reads => Interlocked.Read(ref _reads);

        public long Computations => Interlocked.Read(ref _computations);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>The app (<c>Program</c>) in this process, on the given settings.</summary>
    private sealed class BenchmarkApp(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<webapi::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
