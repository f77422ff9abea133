using BenchmarkDotNet.Running;
using CleanDashboard.Benchmarks;

// writer [--rate N] [--seconds N]   sustained and maximum background-writer throughput into SQLite
// parser                              BenchmarkDotNet: the per-request cost of reading usage from a body
// load --url U --key K [--rate 2000] [--seconds 60]   constant-rate chat completions to the gateway's demo-echo model
// fresh [--rate 2000] [--reads 1000] [--seconds 30] [--kestrel]   in-process app: response → on the dashboard delay and cache hit rate
// capture [--requests 20000] [--rounds 3] [--provider Sqlite|Postgres] [--connection C] [--split] [--interleaved]   capture off /
//                                   demo / 16 KB bodies through the real batch writer: writer CPU per KB raw, storage per million
//                                   requests, then the passes' batches interleaved in one database, CPU on the writer's own thread
//                                   (--split adds the same captures without full-text rows; --interleaved runs only the last)
// rollups [--entries 20000] [--rounds 5]   summing a backlog into one rollup batch in memory: CPU and bytes per request
// capture-profile [--requests 5000]  the capture's stages on the request side (unescape, redact, search text, Brotli levels)
// partitions [--connection C] [--rows 10000000] [--days 100]   PostgreSQL request_logs by day vs one table: insert rate
//                                   empty and full, lookups by id, retention of one day
// dashboard --connection C [--provider Sqlite|Postgres] [--rows 10000000]   populate, then time the dashboard: rollups against raw rows
return args.FirstOrDefault() switch
{
    "writer" => await WriterThroughput.RunAsync(args[1..]),
    "parser" => RunParser(args[1..]),
    "dashboard" => await DashboardAtScale.RunAsync(args[1..]),
    "partitions" => await PartitionedRequestLogs.RunAsync(args[1..]),
    "load" => await SteadyLoad.RunAsync(args[1..]),
    "fresh" => await FreshData.RunAsync(args[1..]),
    "capture" => await CaptureCost.RunAsync(args[1..]),
    "capture-profile" => CaptureBuildProfile.Run(args[1..]),
    "rollups" => RollupSums.Run(args[1..]),
    _ => Usage(),
};

static int RunParser(string[] args)
{
    BenchmarkRunner.Run<UsageParserBenchmarks>(args: args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: CleanDashboard.Benchmarks writer [--rate 20000] [--seconds 20] | parser | dashboard --connection <c> [--provider Sqlite|Postgres] [--rows 10000000]");
    return 2;
}
