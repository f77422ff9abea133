using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CleanDashboard.Application.Telemetry.Metrics;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// The gateway's CLIENT span carries <c>gen_ai.response.finish_reasons</c> as the answer said it, in each protocol, whole
/// and streamed. The demo model stops at <c>max_tokens</c> (truncated: <c>length</c> / <c>max_tokens</c>) or at the end
/// of its echo (<c>stop</c> / <c>end_turn</c>). Each call sends its own traceparent, so its span is told apart from other tests'.
/// </summary>
public sealed class GatewaySpanFinishReasonTests : IAsyncLifetime, IDisposable
{
    private readonly TelemetryApiFactory _factory = new();
    private readonly ConcurrentDictionary<ActivityTraceId, Activity> _spans = new();
    private readonly ActivityListener _listener;

    public GatewaySpanFinishReasonTests()
    {
        _listener = new ActivityListener
        {
            // ASP.NET Core's request activity is what reads the caller's traceparent, which the gateway's span continues.
            ShouldListenTo = source => source.Name is TelemetryNames.ActivitySource or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == TelemetryNames.ActivitySource)
                {
                    _spans[activity.TraceId] = activity;
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ValueTask InitializeAsync() => _factory.InitializeAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    public void Dispose() => _listener.Dispose();

    public static TheoryData<string, string, string> Calls => new()
    {
        { "/v1/chat/completions", """{"model":"demo-echo","messages":[{"role":"user","content":"one two three four"}]}""", "stop" },
        { "/v1/chat/completions", """{"model":"demo-echo","max_tokens":2,"stream":true,"messages":[{"role":"user","content":"one two three four"}]}""", "length" },
        { "/v1/messages", """{"model":"demo-echo","max_tokens":2,"messages":[{"role":"user","content":"one two three four"}]}""", "max_tokens" },
        { "/v1/messages", """{"model":"demo-echo","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"one two three four"}]}""", "end_turn" },
        { "/ollama/api/chat", """{"model":"demo-echo","stream":false,"options":{"num_predict":2},"messages":[{"role":"user","content":"one two three four"}]}""", "length" },
        { "/ollama/api/chat", """{"model":"demo-echo","messages":[{"role":"user","content":"one two three four"}]}""", "stop" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task GatewayCall_WhenTheAnswerSaysWhyItEnded_ShouldPutThatOnTheSpan(string path, string body, string reason)
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        request.Headers.Add("anthropic-version", "2023-06-01");

        var answer = await _factory.ClientWithKey(_factory.MemberKey).SendAsync(request);
        await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        await _factory.WaitForQueuedRequestsAsync(1);

        _spans.Should().ContainKey(traceId);
        _spans[traceId].GetTagItem("gen_ai.response.finish_reasons").Should().BeEquivalentTo(new[] { reason }, o => o.WithStrictOrdering());
    }
}
