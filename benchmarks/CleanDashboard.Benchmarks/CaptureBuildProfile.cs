using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Capture.Redaction;

namespace CleanDashboard.Benchmarks;

/// <summary>
/// Where the capture's CPU goes on the request's side (after the answer, before the queue): each stage of
/// <see cref="CaptureBuilder.Build"/> alone, per KB of raw text, for demo-echo's and 16 KB bodies; then Brotli at the
/// qualities and windows one could choose, CPU per KB against the bytes kept.
/// </summary>
internal static class CaptureBuildProfile
{
    public static int Run(string[] args)
    {
        var requests = WriterThroughput.Option(args, "--requests", 5_000);
        Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var (name, bodies) in new (string, Func<string, int, (string, string)>)[] { ("demo", CaptureCost.DemoBodies), ("16 KB", CaptureCost.SixteenKilobyteBodies) })
        {
            var texts = Enumerable.Range(0, requests).SelectMany(i =>
            {
                var (request, response) = bodies(CaptureCost.Prompts[i % CaptureCost.Prompts.Length], i);
                return new[] { request, response };
            }).ToArray();
            var kb = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t)) / 1024.0;
            var redactor = Redactor.From(new CaptureOptions());
            Console.WriteLine($"{name} bodies ({kb * 1024 / requests:N0} B per request), µs CPU per KB raw:");
            Stage("  unescape \\uXXXX", kb, texts, t => JsonEscapes.UnescapePrintable(t));
            Stage("  redact (5 default rules)", kb, texts, t => redactor.Redact(t, new Dictionary<string, int>()));
            Stage("  search text (JSON strings)", kb, texts, t => SearchText.Of(t));
            Stage("  Brotli q4 w22 (as built)", kb, texts, t => CaptureCompression.Compress(t));
            foreach (var (quality, window) in new[] { (1, 22), (2, 22), (3, 22), (4, 22), (5, 22), (4, 18), (4, 16), (3, 16), (5, 16) })
            {
                var cpu = Stage($"  Brotli q{quality} w{window}", kb, texts, t => Brotli(t, quality, window), print: false);
                var kept = texts.Sum(t => (long)Brotli(t, quality, window));
                Console.WriteLine($"  Brotli q{quality} w{window}: {cpu:F2} µs per KB, {kept / (double)texts.Length:N0} B per body ({kept / 1024.0 / kb:P1} of raw)");
            }
        }

        return 0;
    }

    private static int Brotli(string text, int quality, int window)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(utf8.Length)];
        return BrotliEncoder.TryCompress(utf8, output, out var written, quality, window) ? written : throw new InvalidOperationException("Brotli failed.");
    }

    /// <summary>Runs the stage over every text twice (the first pass warms the JIT); the second pass's CPU per KB.</summary>
    private static double Stage(string name, double kb, string[] texts, Action<string> stage, bool print = true)
    {
        foreach (var text in texts.Take(200))
        {
            stage(text);
        }

        var before = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var text in texts)
        {
            stage(text);
        }

        var perKb = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMicroseconds / kb;
        if (print)
        {
            Console.WriteLine($"{name}: {perKb:F2}");
        }

        return perKb;
    }
}
