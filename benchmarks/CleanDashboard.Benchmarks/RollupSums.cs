using System.Diagnostics;
using CleanDashboard.Infrastructure.Rollups;

namespace CleanDashboard.Benchmarks;

/// <summary>
/// The in-memory half of the writer's rollups: the CPU and allocations of summing a backlog of requests into one
/// <see cref="RollupBatch"/> (hourly and daily rollups, cube, facets, pairs, sketches, active users), on the calling
/// thread, with no database. The writer benchmark's mix (6 models, 200 users each with a key of their own, 15 % errors,
/// this minute) over three endpoints; the first round also pays for compiling the code.
/// </summary>
internal static class RollupSums
{
    private static readonly string[] Endpoints = ["/v1/chat/completions", "/v1/embeddings", "/api/chat"];

    public static int Run(string[] args)
    {
        var count = WriterThroughput.Option(args, "--entries", 20_000);
        var rounds = WriterThroughput.Option(args, "--rounds", 5);
        var random = new Random(7);
        var userIds = Enumerable.Range(1, 200).ToArray();
        var entries = Enumerable.Range(0, count).Select(_ =>
        {
            var entry = WriterThroughput.Entry(random, userIds);
            return new RolledRequest(
                entry.CreatedAt, entry.ModelName, entry.CountryCode, entry.StatusCode, entry.LatencyMs, entry.TtftMs,
                entry.TotalTokens, entry.CostUsd, entry.UserId, entry.UserId, Endpoints[random.Next(Endpoints.Length)], entry.Source);
        }).ToArray();

        Console.WriteLine($"Rollup sums: {count:N0} requests into one batch, {rounds} rounds");
        for (var round = 1; round <= rounds; round++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpu.Now();
            var clock = Stopwatch.StartNew();
            var batch = new RollupBatch();
            foreach (var entry in entries)
            {
                batch.AddRequest(entry);
            }

            var elapsed = clock.Elapsed;
            var spent = ThreadCpu.Now() - cpu;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            var rows = batch.HourlyRequests.Count() + batch.DailyRequests.Count() + batch.HourlyCubes.Count() + batch.DailyCubes.Count()
                + batch.HourlyPairs.Count() + batch.DailyPairs.Count() + batch.HourlyFacets.Count() + batch.DailyFacets.Count();
            Console.WriteLine(
                $"  round {round}: {spent.TotalMicroseconds / count:F2} µs of thread CPU per request ({elapsed.TotalMicroseconds / count:F2} µs wall), "
                + $"{(double)bytes / count:F0} B allocated per request; {rows:N0} rollup rows");
        }

        return 0;
    }
}
