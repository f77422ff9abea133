using BenchmarkDotNet.Running;
using CleanDashboard.Benchmarks;

// writer [--rate N] [--seconds N]   sustained and maximum background-writer throughput into SQLite
// parser                              BenchmarkDotNet: the per-request cost of reading usage from a body
return args.FirstOrDefault() switch
{
    "writer" => await WriterThroughput.RunAsync(args[1..]),
    "parser" => RunParser(args[1..]),
    _ => Usage(),
};

static int RunParser(string[] args)
{
    BenchmarkRunner.Run<UsageParserBenchmarks>(args: args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: CleanDashboard.Benchmarks writer [--rate 20000] [--seconds 20] | parser");
    return 2;
}
