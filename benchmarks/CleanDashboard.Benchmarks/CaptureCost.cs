using System.Diagnostics;
using System.Text;
using CleanDashboard.Application;
using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Capture.Redaction;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Benchmarks;

/// <summary>
/// Capture on vs off in one run, through the real <see cref="RequestLogBatchWriter"/> into real SQLite files (batches of
/// 1,000): the writer's CPU per KB of captured text stored, the capture's own CPU (cap, redact, compress — after the
/// answer, on the request's thread) per KB, and the database bytes per million requests with demo-echo's bodies.
/// </summary>
internal static class CaptureCost
{
    private const int BatchSize = 1_000;

    private static readonly string[] Prompts =
    [
        "Summarise the attached quarterly report in three bullet points for the board, keep it under one hundred words",
        "Write a polite reply to a customer whose parcel arrived late and offer a ten percent voucher for the next order",
        "Explain the difference between a process and a thread to a new engineer, with one example from a web server",
        "Translate into German: the meeting is moved to Thursday at ten, please bring the signed contract with you",
        "List five questions to ask in an interview for a senior data engineer position and say what a good answer shows",
        "Hello gateway",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = WriterThroughput.Option(args, "--requests", 20_000);
        var builder = new CaptureBuilder(new CaptureOptions { Enabled = true }, Redactor.From(new CaptureOptions()));
        var random = new Random(11);

        var captures = new CapturedExchange[requests];
        long textBytes = 0;
        var captureCpu = Cpu();
        for (var i = 0; i < requests; i++)
        {
            var (request, response) = DemoBodies(Prompts[i % Prompts.Length], i);
            var requestBytes = Encoding.UTF8.GetBytes(request);
            captures[i] = builder.Build(requestBytes, requestBytes.Length, response, responseTruncated: false, "application/json", "openai-python/1.54.0");
            textBytes += requestBytes.Length + Encoding.UTF8.GetByteCount(response);
        }

        captureCpu = Cpu() - captureCpu;
        var compressedBytes = captures.Sum(c => (long)c.RequestBody.Length + c.ResponseText.Length);
        Console.WriteLine($"{requests:N0} demo-echo requests: {textBytes / (double)requests:N0} B of bodies each, {compressedBytes / (double)requests:N0} B compressed (Brotli 4)");
        Console.WriteLine($"  capture (cap + redact + compress, after the answer): {captureCpu.TotalMicroseconds / (textBytes / 1024.0):F2} µs CPU per KB");

        var off = await WriteAsync(requests, random, null);
        var on = await WriteAsync(requests, new Random(11), captures);
        var perKb = (on.Cpu - off.Cpu).TotalMicroseconds / (textBytes / 1024.0);
        Console.WriteLine($"  writer, capture off: {off.Cpu.TotalMicroseconds / requests:F1} µs CPU per request; database {off.Bytes / (double)requests * 1_000_000 / 1e9:F2} GB per million requests");
        Console.WriteLine($"  writer, capture on:  {on.Cpu.TotalMicroseconds / requests:F1} µs CPU per request; database {on.Bytes / (double)requests * 1_000_000 / 1e9:F2} GB per million requests");
        Console.WriteLine($"  added by capture: {perKb:F2} µs writer CPU per KB of captured text ({(on.Cpu - off.Cpu).TotalMicroseconds / (compressedBytes / 1024.0):F2} µs per KB compressed); {(on.Bytes - off.Bytes) / (double)requests * 1_000_000 / 1e9:F2} GB per million requests");
        return 0;
    }

    private static (string Request, string Response) DemoBodies(string prompt, int i)
    {
        var request = $$"""{"model":"demo-echo","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"{{prompt}}"}]}""";
        var words = prompt.Split(' ').Length;
        var response = $$"""{"id":"chatcmpl-{{Guid.NewGuid():N}}","object":"chat.completion","created":{{1_796_000_000 + i}},"model":"demo-echo","choices":[{"index":0,"message":{"role":"assistant","content":"Echo: {{prompt}}","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":{{words + 5}},"completion_tokens":{{words + 1}},"total_tokens":{{(2 * words) + 6}}},"system_fingerprint":"demo-echo"}""";
        return (request, response);
    }

    /// <summary>Writes the requests (with the captures, when given) in batches; the writer's CPU and the database's size at the end.</summary>
    private static async Task<(TimeSpan Cpu, long Bytes)> WriteAsync(int requests, Random random, CapturedExchange[]? captures)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cleandashboard-capture-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "bench.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = $"Data Source={file}" }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddApplication().AddInfrastructure(configuration).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var userIds = await WriterThroughput.CreateUsersAsync(services, 200);
        var entries = Enumerable.Range(0, requests)
            .Select(i => WriterThroughput.Entry(random, userIds) with { Capture = captures?[i] })
            .ToList();

        var cpu = Cpu();
        for (var at = 0; at < requests; at += BatchSize)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(entries.GetRange(at, Math.Min(BatchSize, requests - at)), CancellationToken.None);
        }

        cpu = Cpu() - cpu;
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var bytes = new FileInfo(file).Length;
        Directory.Delete(directory, recursive: true);
        return (cpu, bytes);
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
