using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace CleanDashboard.Benchmarks;

/// <summary>
/// A constant-rate load (unlike wrk, which sends as fast as it can): OpenAI-shaped chat completions to the gateway's
/// demo-echo model, started on a fixed schedule whatever the answers' speed, so the app sees exactly the rate asked for.
/// Prints what was sent, answered, failed, and the answer latencies.
/// </summary>
internal static class SteadyLoad
{
    private const string Body = """{"model":"demo-echo","messages":[{"role":"user","content":"How is the API doing today?"}]}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = Option(args, "--url") ?? throw new ArgumentException("--url is required");
        var key = Option(args, "--key") ?? throw new ArgumentException("--key is required");
        var rate = int.Parse(Option(args, "--rate") ?? "2000", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(args, "--seconds") ?? "60", CultureInfo.InvariantCulture);

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(url),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var latencies = new List<double>(rate * seconds);
        long sent = 0, ok = 0, failed = 0;
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var total = (long)rate * seconds;
        while (sent < total)
        {
            var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate));
            for (; sent < due; sent++)
            {
                inFlight.Add(SendAsync());
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(2);
        }

        await Task.WhenAll(inFlight);
        var elapsed = clock.Elapsed.TotalSeconds;
        latencies.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"sent {sent:N0} in {elapsed:F1} s ({sent / elapsed:N0}/s): {ok:N0} answered 200, {failed:N0} failed; latency p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms"));
        return failed == 0 ? 0 : 1;

        async Task SendAsync()
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.PostAsync("/v1/chat/completions", new StringContent(Body, Encoding.UTF8, "application/json"));
                await response.Content.ReadAsByteArrayAsync();
                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(milliseconds);
                    _ = response.IsSuccessStatusCode ? ok++ : failed++;
                }
            }
            catch (HttpRequestException)
            {
                lock (latencies)
                {
                    failed++;
                }
            }
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
