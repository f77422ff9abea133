using System.Text;
using BenchmarkDotNet.Attributes;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Benchmarks;

/// <summary>What reading the model and usage costs per request, for the answer shapes the tracker meets.</summary>
[MemoryDiagnoser]
public class UsageParserBenchmarks
{
    private static readonly byte[] OpenAiJson = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"Hello there, how can I help you today?"}}],"usage":{"prompt_tokens":1200,"completion_tokens":350,"total_tokens":1550}}""");

    private static readonly byte[] Stream = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200)
        .Select(i => $"data: {{\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{{\"delta\":{{\"content\":\"token{i} \"}}}}]}}\n\n"))
        + "data: {\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":200,\"total_tokens\":250}}\n\ndata: [DONE]\n\n");

    private static readonly byte[] RequestBody = Encoding.UTF8.GetBytes(
        """{"model":"gpt-4o","messages":[{"role":"system","content":"You are helpful."},{"role":"user","content":"Tell me a joke about databases."}],"stream":false}""");

    [Benchmark]
    public TokenUsage OpenAiJsonAnswer() => UsageParser.ParseResponse("application/json", OpenAiJson, [], complete: true);

    [Benchmark]
    public TokenUsage StreamOf200Chunks() => UsageParser.ParseResponse("text/event-stream", Stream, [], complete: true);

    /// <summary>Following a stream's generated text for a token estimate, as the tracking middleware does for every streamed answer.</summary>
    [Benchmark]
    public int StreamedTextCounterOf200Chunks()
    {
        var counter = new StreamedTextCounter("gpt-4o");
        counter.Append(Stream);
        return counter.CountTokens();
    }

    [Benchmark]
    public string? RequestModel() => UsageParser.ParseRequestModel(RequestBody);
}
