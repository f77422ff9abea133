using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static CleanDashboard.WebApi.IntegrationTests.Telemetry.OtlpJson;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary><c>GET /metrics</c>: Prometheus text, parsed strictly; the GenAI token histogram adds up to the dashboard's tokens.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private readonly TelemetryApiFactory _factory = new();

    public ValueTask InitializeAsync() => _factory.InitializeAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Scrape_AfterGatewayAndOtlpCalls_ShouldShowTheGenAiMetricsAddingUpToTheDashboard()
    {
        var member = _factory.ClientWithKey(_factory.MemberKey);
        var export = Export(
            Span(0, 2_000_000_000, Text("gen_ai.operation.name", "chat"), Text("gen_ai.provider.name", "openai"), Text("gen_ai.request.model", "gpt-4o"),
                Int("gen_ai.usage.input_tokens", 1000), Int("gen_ai.usage.output_tokens", 200)),
            Span(1, 500_000_000, Text("gen_ai.operation.name", "chat"), Text("gen_ai.provider.name", "openai"), Text("gen_ai.request.model", "gpt-4o-mini"),
                Int("gen_ai.usage.input_tokens", 30), Int("gen_ai.usage.output_tokens", 7), Text("error.type", "429")));
        (await member.PostTracesAsync(Encoding.UTF8.GetBytes(export), "application/json")).StatusCode.Should().Be(HttpStatusCode.OK);
        var chat = await member.PostAsJsonAsync("/v1/chat/completions", new { model = "demo-echo", messages = new[] { new { role = "user", content = "count these words please" } } });
        chat.StatusCode.Should().Be(HttpStatusCode.OK);
        await WaitForRequestLogsAsync(3);

        var metrics = PrometheusText.Parse(await ScrapeAsync());

        metrics.Types["gen_ai_client_token_usage"].Should().Be("histogram");
        metrics.Types["gen_ai_client_operation_duration_seconds"].Should().Be("histogram");
        var tokenSums = metrics.Named("gen_ai_client_token_usage_sum").ToList();
        var summary = await _factory.DashboardSummaryAsync();
        tokenSums.Sum(s => s.Value).Should().Be(summary.GetProperty("totalTokens").GetInt64());
        Tokens(tokenSums, "gpt-4o", "input").Should().Be(1000);
        Tokens(tokenSums, "gpt-4o", "output").Should().Be(200);
        Tokens(tokenSums, "gpt-4o-mini", "input").Should().Be(30);
        var failed = tokenSums.Single(s => s.Label("gen_ai_request_model") == "gpt-4o-mini" && s.Label("gen_ai_token_type") == "output");
        (failed.Label("error_type"), failed.Label("gen_ai_provider_name"), failed.Label("gen_ai_operation_name"), failed.Label("cleandashboard_source"))
            .Should().Be(("429", "openai", "chat", "otlp"));
        var gateway = tokenSums.Where(s => s.Label("gen_ai_request_model") == "demo-echo").ToList();
        gateway.Select(s => s.Label("cleandashboard_source")).Should().AllBe("gateway");
        var durations = metrics.Named("gen_ai_client_operation_duration_seconds_sum").Where(s => s.Label("cleandashboard_source") == "otlp").ToList();
        durations.Sum(s => s.Value).Should().Be(2.5);
        metrics.Named("gen_ai_client_operation_duration_seconds_count").Sum(s => s.Value).Should().Be(3);
        metrics.Named("cleandashboard_otlp_spans_total").Single(s => s.Label("outcome") == "recorded").Value.Should().Be(2);
        metrics.Named("cleandashboard_writer_written_total").Single().Value.Should().Be(3);
        metrics.Named("cleandashboard_writer_dropped_total").Single().Value.Should().Be(0);
        metrics.Types["cleandashboard_writer_queue_depth"].Should().Be("gauge");
    }

    [Fact]
    public async Task Scrape_WhenTheDashboardWasReadTwice_ShouldCountACacheMissThenAHit()
    {
        await _factory.DashboardSummaryAsync();
        await _factory.DashboardSummaryAsync();

        var cache = PrometheusText.Parse(await ScrapeAsync()).Named("cleandashboard_cache_requests_total").ToList();

        cache.Single(s => s.Label("result") == "miss").Value.Should().Be(1);
        cache.Single(s => s.Label("result") == "hit").Value.Should().Be(1);
    }

    [Fact]
    public async Task Scrape_WhenMoreModelsThanTheLimitAreSeen_ShouldLabelTheRestOther()
    {
        await using var capped = new TelemetryApiFactory(settings: new() { ["Telemetry:Metrics:MaxModels"] = "2" });
        await capped.InitializeAsync();
        var spans = Enumerable.Range(0, 4).Select(i => Span(i, 1_000_000, Text("gen_ai.request.model", $"model-{i}"), Int("gen_ai.usage.input_tokens", 10 + i))).ToArray();
        (await capped.ClientWithKey(capped.MemberKey).PostTracesAsync(Encoding.UTF8.GetBytes(Export(spans)), "application/json")).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await capped.Admin.GetAsync("/metrics");
        var sums = PrometheusText.Parse(await response.Content.ReadAsStringAsync()).Named("gen_ai_client_token_usage_sum")
            .ToDictionary(s => s.Label("gen_ai_request_model")!, s => s.Value);

        sums.Should().Equal(new Dictionary<string, double> { ["model-0"] = 10, ["model-1"] = 11, ["other"] = 25 });
    }

    [Fact]
    public async Task Scrape_WithoutAnAdminKey_ShouldBeRefused()
    {
        (await _factory.ClientWithKey(null).GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _factory.ClientWithKey(_factory.MemberKey).GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Scrape_FromAnAllowedNetwork_ShouldNeedNoKey()
    {
        await using var allowed = new TelemetryApiFactory(loopback: true, settings: new() { ["Telemetry:Metrics:AllowedNetworks:0"] = "127.0.0.0/8" });
        await allowed.InitializeAsync();
        using var prometheus = new HttpClient { BaseAddress = allowed.BaseAddress };

        var response = await prometheus.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
    }

    private static double Tokens(List<PrometheusSample> sums, string model, string type) =>
        sums.Single(s => s.Label("gen_ai_request_model") == model && s.Label("gen_ai_token_type") == type).Value;

    private async Task<string> ScrapeAsync()
    {
        var response = await _factory.Admin.GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The gateway's entry is queued when its response completes, which TestServer may do after the client has the answer.</summary>
    private async Task WaitForRequestLogsAsync(int count)
    {
        await _factory.WaitForQueuedRequestsAsync(count);
        (await _factory.RequestLogCountAsync()).Should().Be(count);
    }
}
