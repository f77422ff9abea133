using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, each upstream call of the gateway is exported as a GenAI CLIENT span over
/// OTLP/HTTP — here to a second CleanDashboard's <c>/v1/traces</c>, which records it as the same call.
/// </summary>
public sealed class GatewaySpanExportTests : IAsyncLifetime
{
    private readonly TelemetryApiFactory _collector = new(loopback: true);
    private TelemetryApiFactory? _gateway;

    public async ValueTask InitializeAsync()
    {
        await _collector.InitializeAsync();
        _gateway = new TelemetryApiFactory(settings: new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.BaseAddress.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = $"Authorization=Bearer {_collector.MemberKey}",
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "60000",     // the collector's first request may be slow on a loaded machine
        });
        await _gateway.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task GatewayCall_WhenAnOtlpEndpointIsSet_ShouldExportItsSpanWithTheCallsModelTokensAndTiming()
    {
        using var events = new OpenTelemetryEvents();
        var gateway = _gateway!;
        var prompt = string.Join(' ', Enumerable.Repeat("telemetry", 29));     // a prompt no other test sends
        var answer = await gateway.ClientWithKey(gateway.MemberKey).PostAsJsonAsync("/v1/chat/completions", new { model = "demo-echo", messages = new[] { new { role = "user", content = prompt } } });
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var call = await WaitForGatewayLogAsync(gateway);

        gateway.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000).Should().BeTrue();

        var collected = await CollectedAsync();
        var exported = collected
            .Where(l => Tokens(l, "promptTokens") == call.PromptTokens && Tokens(l, "completionTokens") == call.CompletionTokens)
            .Should().ContainSingle("the collector has {0}; the SDK reported: {1}", string.Join("; ", collected), events).Subject;
        exported.GetProperty("endpoint").GetString().Should().Be("chat");
        exported.GetProperty("modelName").GetString().Should().Be("demo-echo");
        exported.GetProperty("statusCode").GetInt32().Should().Be(200);
        exported.GetProperty("latencyMs").GetDouble().Should().Be(call.LatencyMs);
        exported.GetProperty("createdAt").GetDateTime().Should().Be(call.CreatedAt);
        exported.GetProperty("totalTokens").GetInt32().Should().Be(call.TotalTokens!.Value);
    }

    [Fact]
    public void Start_WithoutAnOtlpEndpoint_ShouldExportNoSpans()
    {
        _collector.Services.GetService<TracerProvider>().Should().BeNull();
    }

    /// <summary>A row's token count, or null: the collector may also hold rows of spans without usage.</summary>
    private static int? Tokens(JsonElement row, string name) =>
        row.GetProperty(name) is { ValueKind: JsonValueKind.Number } tokens ? tokens.GetInt32() : null;

    /// <summary>The collector's rows, once it has queued the exported span: on a loaded machine the exporter's thread may post after ForceFlush returned.</summary>
    private async Task<List<JsonElement>> CollectedAsync()
    {
        await _collector.WaitForQueuedRequestsAsync(1);
        return await _collector.RequestLogsAsync("otlp");
    }

    /// <summary>The gateway's entry is queued when its response completes, which TestServer may do after the client has the answer.</summary>
    private static async Task<Domain.Entities.RequestLog> WaitForGatewayLogAsync(TelemetryApiFactory factory)
    {
        await factory.WaitForQueuedRequestsAsync(1);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().RequestLogs.AsNoTracking().SingleAsync(r => r.Endpoint == "/v1/chat/completions");
    }
}
