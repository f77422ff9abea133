using System.Net;
using System.Text;
using System.Text.Json;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;

namespace CleanDashboard.Gateway.IntegrationTests.Failover;

/// <summary>One upstream's circuit through its life, on the fixture's fake clock: closed, open after three failures, probed and closed again after its break.</summary>
public sealed class CircuitBreakerTests(FailoverFixture gateway) : IClassFixture<FailoverFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Circuit_ShouldOpenAfterThreeFailuresAndCloseAfterASuccessfulProbeOnceTheBreakIsOver()
    {
        var caller = await gateway.NewCallerAsync();
        (await UpstreamsHealthAsync()).GetProperty("status").GetString().Should().Be("healthy");

        for (var i = 0; i < FailoverFixture.MinimumThroughput; i++)
        {
            using var failed = await PostAsync(caller);
            failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the route's only upstream answers 503, passed on as it is");
            (await failed.Content.ReadAsStringAsync(Cancellation)).Should().Contain(StubUpstream.FailureMessage);
        }

        var open = await UpstreamsHealthAsync();
        open.GetProperty("status").GetString().Should().Be("degraded");
        open.GetProperty("detail").GetString().Should().Be("circuit not closed: switchable (open); requests fail over to the other upstreams of their model route");

        using (var rejected = await PostAsync(caller))
        {
            rejected.StatusCode.Should().Be(HttpStatusCode.BadGateway);
            using var error = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync(Cancellation));
            error.RootElement.GetProperty("error").GetProperty("code").GetString().Should().Be("upstream_unavailable");
        }

        gateway.Switchable.Received.Should().HaveCount(FailoverFixture.MinimumThroughput, "an open circuit sends nothing");

        gateway.Switchable.ForcedStatus = null;
        gateway.Clock.Advance(FailoverFixture.BreakDuration - TimeSpan.FromSeconds(1));
        using (var stillOpen = await PostAsync(caller))
        {
            stillOpen.StatusCode.Should().Be(HttpStatusCode.BadGateway, "the break is not over yet");
        }

        gateway.Switchable.Received.Should().HaveCount(FailoverFixture.MinimumThroughput);
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var probe = await PostAsync(caller))
        {
            probe.StatusCode.Should().Be(HttpStatusCode.OK, "the first request after the break probes the upstream");
        }

        using (var afterProbe = await PostAsync(caller))
        {
            afterProbe.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        gateway.Switchable.Received.Should().HaveCount(FailoverFixture.MinimumThroughput + 2);
        var closed = await UpstreamsHealthAsync();
        closed.GetProperty("status").GetString().Should().Be("healthy");
        closed.GetProperty("detail").GetString().Should().Be("10 upstream circuit(s) closed");
        var rows = await caller.RequestLogsAsync(7);
        rows.Select(r => r.StatusCode).Should().Equal(503, 503, 503, 502, 502, 200, 200);
        rows.Should().OnlyContain(r => r.Upstream == "switchable");
    }

    private async Task<HttpResponseMessage> PostAsync(GatewayCaller caller)
    {
        using var http = caller.Http();
        return await http.PostAsync(
            "v1/chat/completions", new StringContent("""{"model":"circuit-model","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"), Cancellation);
    }

    private async Task<JsonElement> UpstreamsHealthAsync()
    {
        using var http = gateway.HttpClient(apiKey: null);
        using var document = JsonDocument.Parse(await http.GetStringAsync("api/dashboard/health", Cancellation));
        return document.RootElement.GetProperty("checks").GetProperty("upstreams").Clone();
    }
}
