using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// An app instrumented with the official OpenTelemetry .NET SDK exports its GenAI spans over OTLP/HTTP protobuf to
/// <c>/v1/traces</c> with its CleanDashboard key: the request logs and the dashboard show exactly those calls.
/// </summary>
public sealed class OtlpSdkExportTests : IAsyncLifetime
{
    private readonly TelemetryApiFactory _factory = new(loopback: true);

    public ValueTask InitializeAsync() => _factory.InitializeAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Export_WhenTheSdkSendsGenAiSpans_ShouldRecordEachAsARequestLogOfTheKeysUser()
    {
        using (var app = new InstrumentedApp(_factory, _factory.MemberKey))
        {
            // Current names; cached and reasoning tokens; priced by the catalog under its dated alias:
            // (1000 × 0.15 + 200 × 0.075 + 300 × 0.60) / 10^6 = 0.000345.
            app.Span("chat gpt-4o-mini", 0, 1500, new()
            {
                ["gen_ai.operation.name"] = "chat",
                ["gen_ai.provider.name"] = "openai",
                ["gen_ai.request.model"] = "gpt-4o-mini",
                ["gen_ai.response.model"] = "gpt-4o-mini-2024-07-18",
                ["gen_ai.usage.input_tokens"] = 1200L,
                ["gen_ai.usage.output_tokens"] = 300L,
                ["gen_ai.usage.cache_read.input_tokens"] = 200L,
                ["gen_ai.usage.reasoning.output_tokens"] = 50L,
                ["gen_ai.response.time_to_first_chunk"] = 0.25,
                ["server.address"] = "api.openai.com",
            });

            // Older names, the app's own cost, a failed call: error.type 429 is the status.
            app.Span("chat claude-3-5-haiku", 60_000, 800, new()
            {
                ["gen_ai.operation.name"] = "chat",
                ["gen_ai.system"] = "anthropic",
                ["gen_ai.request.model"] = "claude-3-5-haiku",
                ["gen_ai.usage.prompt_tokens"] = 500L,
                ["gen_ai.usage.completion_tokens"] = 100L,
                ["gen_ai.usage.cost"] = 0.0123456789,
                ["error.type"] = "429",
            }, ActivityStatusCode.Error);

            // OpenInference names, priced by the catalog: (1000 × 2.50 + 200 × 10.00) / 10^6 = 0.0045.
            app.Span("ChatCompletion", 120_000, 2000, new()
            {
                ["openinference.span.kind"] = "LLM",
                ["llm.model_name"] = "gpt-4o",
                ["llm.provider"] = "openai",
                ["llm.token_count.prompt"] = 1000L,
                ["llm.token_count.completion"] = 200L,
                ["llm.token_count.total"] = 1200L,
            });

            // No gen_ai.* or llm.* attribute: counted and ignored.
            app.Span("GET /orders", 180_000, 30, new() { ["http.request.method"] = "GET", ["http.response.status_code"] = 200L });

            (await app.FlushAsync()).Should().Equal(200);
        }

        await _factory.DrainWriterAsync();

        var logs = await _factory.RequestLogsAsync("otlp");
        logs.Should().HaveCount(3);
        (await _factory.RequestLogCountAsync()).Should().Be(3, "the export call itself is not tracked as traffic");

        Row(logs[0]).Should().Be("chat|OTLP|200|1500|250|gpt-4o-mini-2024-07-18|1200|300|1500|200|50|0.000345|api.openai.com|otlp");
        Row(logs[1]).Should().Be("chat|OTLP|429|800||claude-3-5-haiku|500|100|600|||0.0123456789||otlp");
        Row(logs[2]).Should().Be("chat|OTLP|200|2000||gpt-4o|1000|200|1200|||0.0045||otlp");
        logs.Select(l => l.GetProperty("userId").GetInt32()).Should().AllBeEquivalentTo(_factory.MemberUserId);
        logs[0].GetProperty("createdAt").GetDateTime().Should().Be(TelemetryApiFactory.SpanStart);

        var summary = await _factory.DashboardSummaryAsync();
        summary.GetProperty("totalRequests").GetInt32().Should().Be(3);
        summary.GetProperty("successfulRequests").GetInt32().Should().Be(2);
        summary.GetProperty("totalTokens").GetInt64().Should().Be(3300);                   // 1500 + 600 + 1200
        summary.GetProperty("totalCost").GetRawText().Should().Be("0.017191");             // 0.000345 + 0.0123456789 + 0.0045 = 0.0171906789
        summary.GetProperty("avgLatencyMs").GetDouble().Should().Be(1433.3);              // (1500 + 800 + 2000) / 3
    }

    [Fact]
    public async Task Export_WhenSpansNameEndUsersAndConversations_ShouldCountThoseUsersAndSessionsOnTheDashboard()
    {
        using (var app = new InstrumentedApp(_factory, _factory.MemberKey))
        {
            // alice's conversation c1: two spans 40 minutes apart (beyond the 30-minute idle gap), one session.
            app.Span("chat gpt-4o", 0, 1000, Call("gpt-4o", 1000, 100, ("user.id", "alice"), ("gen_ai.conversation.id", "c1")));          // 0.0035
            app.Span("chat gpt-4o", 2_400_000, 1000, Call("gpt-4o", 100, 10, ("user.id", "alice"), ("gen_ai.conversation.id", "c1")));    // 0.00035
            app.Span("chat gpt-4o", 60_000, 1000, Call("gpt-4o", 100, 10, ("user.id", "alice")));                                         // 0.00035, alice's idle-gap session
            app.Span("chat gpt-4o-mini", 120_000, 1000, Call("gpt-4o-mini", 1000, 100, ("enduser.id", "bob"), ("gen_ai.conversation.id", "c1")));  // 0.00021, bob's own c1
            app.Span("chat gpt-4o-mini", 180_000, 1000, Call("gpt-4o-mini", 1000, 100));                                                  // 0.00021, the key's user
            (await app.FlushAsync()).Should().Equal(200);
        }

        await _factory.DrainWriterAsync();

        var logs = await _factory.RequestLogsAsync("otlp");
        var dashboard = await _factory.Admin.GetFromJsonAsync<JsonElement>("/api/dashboard/?range=24h");
        logs.Select(l => l.GetProperty("userName").GetString()).Should().Equal("member-1/alice", "member-1/alice", "member-1/bob", "member-1", "member-1/alice");
        dashboard.GetProperty("summary").GetProperty("totalRequests").GetInt32().Should().Be(5);
        var users = dashboard.GetProperty("users");
        users.GetProperty("activeUsers").GetInt32().Should().Be(3);
        users.GetProperty("totalSessions").GetInt32().Should().Be(4);                       // alice c1, alice's idle-gap session, bob c1, member-1's
        users.GetProperty("avgSessionRequests").GetDouble().Should().Be(1.25);              // 5 / 4
        dashboard.GetProperty("topUsers").EnumerateArray()
            .Select(u => $"{u.GetProperty("name").GetString()}|{u.GetProperty("requests").GetInt32()}|{u.GetProperty("cost").GetDecimal()}")
            .Should().Equal("member-1/alice|3|0.0042", "member-1|1|0.00021", "member-1/bob|1|0.00021");   // equal cost and requests: by name
    }

    [Fact]
    public async Task Export_WhenSomeGenAiSpansAreInvalid_ShouldRecordTheOthers()
    {
        using (var app = new InstrumentedApp(_factory, _factory.MemberKey))
        {
            app.Span("chat gpt-4o", 0, 1000, new() { ["gen_ai.request.model"] = "gpt-4o", ["gen_ai.usage.input_tokens"] = "lots", ["gen_ai.usage.output_tokens"] = 10L });
            app.Span("chat gpt-4o", 1000, 1000, new() { ["gen_ai.request.model"] = "gpt-4o", ["gen_ai.usage.input_tokens"] = 100L, ["gen_ai.usage.output_tokens"] = 10L });
            (await app.FlushAsync()).Should().Equal([200], "a partial success is still a 200");
        }

        await _factory.DrainWriterAsync();
        var logs = await _factory.RequestLogsAsync("otlp");
        logs.Should().ContainSingle();
        Row(logs[0]).Should().Be("(unknown)|OTLP|200|1000||gpt-4o|100|10|110|||0.00035||otlp");    // (100 × 2.50 + 10 × 10.00) / 10^6
    }

    [Fact]
    public async Task Export_WhenTheKeyIsWrong_ShouldRecordNothing()
    {
        using (var app = new InstrumentedApp(_factory, "cd_not-a-key"))
        {
            app.Span("chat gpt-4o", 0, 1000, new() { ["gen_ai.request.model"] = "gpt-4o" });
            (await app.FlushAsync()).Should().Equal(401);
        }

        await _factory.DrainWriterAsync();
        (await _factory.RequestLogCountAsync()).Should().Be(0);
    }

    private static Dictionary<string, object?> Call(string model, long input, long output, params (string Key, string Value)[] identity)
    {
        var attributes = new Dictionary<string, object?>
        {
            ["gen_ai.operation.name"] = "chat",
            ["gen_ai.request.model"] = model,
            ["gen_ai.usage.input_tokens"] = input,
            ["gen_ai.usage.output_tokens"] = output,
        };
        foreach (var (key, value) in identity)
        {
            attributes[key] = value;
        }

        return attributes;
    }

    private static string Row(JsonElement log) => string.Join('|',
        new[] { "endpoint", "method", "statusCode", "latencyMs", "ttftMs", "modelName", "promptTokens", "completionTokens", "totalTokens", "cachedInputTokens", "reasoningTokens", "costUsd", "upstream", "source" }
            .Select(name => log.GetProperty(name) switch
            {
                { ValueKind: JsonValueKind.Null } => string.Empty,
                var cost when name == "costUsd" => cost.GetDecimal().ToString("0.##########", CultureInfo.InvariantCulture),   // PostgreSQL keeps the column's 10 decimals
                var value => value.ToString(),
            }));

    /// <summary>An app's tracer with the OTLP exporter (HttpProtobuf, as configured by OTEL_EXPORTER_OTLP_* in production) pointed at the app on 127.0.0.1.</summary>
    private sealed class InstrumentedApp : IDisposable
    {
        private readonly ActivitySource _source = new("test-app.genai." + Guid.NewGuid().ToString("N"));
        private readonly TracerProvider _tracer;
        private readonly AnswerRecorder _answers = new();
        private readonly OpenTelemetryEvents _events = new();

        public InstrumentedApp(TelemetryApiFactory factory, string key)
        {
            _tracer = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("test-app"))
                .AddSource(_source.Name)
                .AddOtlpExporter(options =>
                {
                    options.Endpoint = new Uri(factory.BaseAddress, "/v1/traces");
                    options.Protocol = OtlpExportProtocol.HttpProtobuf;
                    options.Headers = $"Authorization=Bearer {key}";
                    options.HttpClientFactory = () => new HttpClient(_answers);
                    options.TimeoutMilliseconds = 60_000;
                    options.ExportProcessorType = ExportProcessorType.Batch;
                })
                .Build()!;
        }

        /// <summary>A finished CLIENT span starting <paramref name="offsetMs"/> after <see cref="TelemetryApiFactory.SpanStart"/>.</summary>
        public void Span(string name, int offsetMs, int durationMs, Dictionary<string, object?> attributes, ActivityStatusCode status = ActivityStatusCode.Unset)
        {
            var start = new DateTimeOffset(TelemetryApiFactory.SpanStart).AddMilliseconds(offsetMs);

            // A root span, as an app's call is: an ambient activity of the test host (not sampled) would make the sampler drop it.
            Activity.Current = null;
            using var activity = _source.StartActivity(name, ActivityKind.Client, parentContext: default, tags: attributes, startTime: start)!;
            activity.SetStatus(status);
            activity.SetEndTime(start.AddMilliseconds(durationMs).UtcDateTime);
        }

        /// <summary>Exports what has ended; returns the HTTP status of every export request sent so far.</summary>
        public async Task<IReadOnlyList<int>> FlushAsync()
        {
            _tracer.ForceFlush(60_000).Should().BeTrue();

            // On a loaded machine the exporter's thread can still be on its way to the export when ForceFlush returns.
            await _answers.FirstAnswer.WaitAsync(TimeSpan.FromSeconds(30));
            _answers.Failures.Should().BeEmpty();
            _answers.Statuses.Should().NotBeEmpty("the SDK reported: {0}", _events);
            return _answers.Statuses;
        }

        public void Dispose()
        {
            _tracer.Dispose();
            _source.Dispose();
            _events.Dispose();
        }
    }

    /// <summary>The exporter's HTTP handler (real sockets), noting each answer's status; the exporter sends synchronously.</summary>
    private sealed class AnswerRecorder() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly List<int> _statuses = [];
        private readonly TaskCompletionSource _firstAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the first export request has its answer, or has failed.</summary>
        public Task FirstAnswer => _firstAnswer.Task;

        /// <summary>Why a request got no answer, for the assertion's message.</summary>
        public List<string> Failures { get; } = [];

        public IReadOnlyList<int> Statuses
        {
            get
            {
                lock (_statuses)
                {
                    return [.. _statuses];
                }
            }
        }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return Noted(base.Send(request, cancellationToken));
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                lock (_statuses)
                {
                    Failures.Add(e.Message);
                }

                _firstAnswer.TrySetResult();

                throw;
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Noted(await base.SendAsync(request, cancellationToken));

        private HttpResponseMessage Noted(HttpResponseMessage response)
        {
            lock (_statuses)
            {
                _statuses.Add((int)response.StatusCode);
            }

            _firstAnswer.TrySetResult();

            return response;
        }
    }
}
