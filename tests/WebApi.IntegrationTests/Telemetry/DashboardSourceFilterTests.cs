using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static CleanDashboard.WebApi.IntegrationTests.Telemetry.OtlpJson;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// <c>GET /api/dashboard?source=</c>: one gateway call (demo-echo, through the member's key) beside two exported spans
/// (gpt-4o, one of them an end user's): each source's figures are its own requests only.
/// </summary>
public sealed class DashboardSourceFilterTests : IAsyncLifetime
{
    private readonly TelemetryApiFactory _factory = new();

    public ValueTask InitializeAsync() => _factory.InitializeAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task GetDashboard_WhenFilteredBySource_ShouldCountOnlyThatSourcesRequests()
    {
        var member = _factory.ClientWithKey(_factory.MemberKey);
        var export = Export(
            Span(0, 2_000_000_000, Text("gen_ai.request.model", "gpt-4o"), Int("gen_ai.usage.input_tokens", 1000), Int("gen_ai.usage.output_tokens", 200)),
            Span(1, 1_000_000_000, Text("gen_ai.request.model", "gpt-4o"), Int("gen_ai.usage.input_tokens", 100), Int("gen_ai.usage.output_tokens", 10), Text("user.id", "alice")));
        (await member.PostTracesAsync(Encoding.UTF8.GetBytes(export), "application/json")).StatusCode.Should().Be(HttpStatusCode.OK);
        var chat = await member.PostAsJsonAsync("/v1/chat/completions", new { model = "demo-echo", messages = new[] { new { role = "user", content = "hello" } } });
        chat.StatusCode.Should().Be(HttpStatusCode.OK);
        await _factory.WaitForQueuedRequestsAsync(3);

        var otlp = await _factory.Admin.GetFromJsonAsync<JsonElement>("/api/dashboard/?range=24h&source=otlp");
        var summary = otlp.GetProperty("summary");
        summary.GetProperty("totalRequests").GetInt64().Should().Be(2);
        summary.GetProperty("totalTokens").GetInt64().Should().Be(1310);                   // 1200 + 110
        summary.GetProperty("totalCost").GetDecimal().Should().Be(0.00485m);               // (1000 × 2.50 + 200 × 10.00 + 100 × 2.50 + 10 × 10.00) / 10^6
        summary.GetProperty("avgLatencyMs").GetDouble().Should().Be(1500);                 // (2000 + 1000) / 2
        otlp.GetProperty("users").GetProperty("activeUsers").GetInt64().Should().Be(2);    // member-1 and member-1/alice
        Names(otlp.GetProperty("topUsers")).Should().Equal("member-1", "member-1/alice");
        Names(otlp.GetProperty("topModels")).Should().Equal("gpt-4o");
        otlp.GetProperty("filters").GetRawText().Should().Be("""{"model":null,"userId":null,"apiKeyId":null,"endpoint":null,"source":"otlp","notApplied":["threats","sessions"]}""");

        var gateway = await _factory.Admin.GetFromJsonAsync<JsonElement>("/api/dashboard/?range=24h&source=gateway");
        gateway.GetProperty("summary").GetProperty("totalRequests").GetInt64().Should().Be(1);
        gateway.GetProperty("users").GetProperty("activeUsers").GetInt64().Should().Be(1);
        Names(gateway.GetProperty("topUsers")).Should().Equal("member-1");
        Names(gateway.GetProperty("topModels")).Should().Equal("demo-echo");
        Names(gateway.GetProperty("topEndpoints")).Should().Equal("/v1/chat/completions");

        var all = await _factory.Admin.GetFromJsonAsync<JsonElement>("/api/dashboard/?range=24h");
        all.GetProperty("summary").GetProperty("totalRequests").GetInt64().Should().Be(3);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("OTLP")]
    [InlineData("gateway ")]
    public async Task GetDashboard_WhenTheSourceIsNeitherGatewayNorOtlp_ShouldAnswer400NamingSource(string source)
    {
        var response = await _factory.Admin.GetAsync($"/api/dashboard/?range=24h&source={Uri.EscapeDataString(source)}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("errors").GetRawText().Should().Be("""{"source":["Source must be one of: gateway, otlp."]}""");
    }

    private static List<string?> Names(JsonElement list) =>
        list.EnumerateArray().Select(item => item.GetProperty("name").GetString()).ToList();
}
