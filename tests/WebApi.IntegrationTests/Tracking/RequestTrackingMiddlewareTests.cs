using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.WebApi.IntegrationTests.Tracking;

public sealed class RequestTrackingMiddlewareTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> PriceOverrides = new()
    {
        ["Pricing:Models:llama3.2:InputPerMillion"] = "10",
        ["Pricing:Models:llama3.2:OutputPerMillion"] = "20",
        ["Pricing:Models:gpt-4o-mini:InputPerMillion"] = "1000",
        ["Pricing:Models:gpt-4o-mini:OutputPerMillion"] = "2000",
    };

    private TrackingTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TrackingTestHost.StartAsync(new(PriceOverrides));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Track_WhenOpenAiJsonAnswer_ShouldRecordModelTokensCostUserAndCountry()
    {
        var response = await _host.Client.SendAsync(_host.Post("/v1/test/openai", """{"model":"gpt-4o","messages":[]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.Endpoint.Should().Be("/v1/test/openai");
        log.Method.Should().Be("POST");
        log.StatusCode.Should().Be(200);
        log.ModelName.Should().Be("gpt-4o");
        (log.PromptTokens, log.CompletionTokens, log.TotalTokens).Should().Be((1200, 350, 1550));
        log.CostUsd.Should().Be(0.0065m, "(1,200 × 2.50 + 350 × 10.00) / 1e6 with pricing.json's gpt-4o");
        log.CountryCode.Should().Be("DE");
        log.IpAddress.Should().Be("203.0.113.9");
        log.UserId.Should().Be(_host.MemberUserId);
        log.ApiKeyId.Should().NotBeNull();
        log.LatencyMs.Should().BePositive();
        log.TtftMs.Should().NotBeNull().And.BeLessThanOrEqualTo(log.LatencyMs);
    }

    [Fact]
    public async Task Track_WhenOllamaJsonAnswer_ShouldRecordRouteTemplateAndOllamaCounts()
    {
        await _host.Client.SendAsync(_host.Post("/v1/test/ollama/abc123", """{"model":"llama3.2"}"""));

        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.Endpoint.Should().Be("/v1/test/ollama/{session}");
        log.ModelName.Should().Be("llama3.2");
        (log.PromptTokens, log.CompletionTokens, log.TotalTokens).Should().Be((26, 290, 316));
        log.CostUsd.Should().Be(0.00606m, "(26 × 10 + 290 × 20) / 1e6 = 0.00606 with the configured override, stored exactly");
    }

    [Fact]
    public async Task Track_WhenServerSentEventsWithUsageInLastChunk_ShouldRecordStreamUsageAndPassEveryByte()
    {
        var response = await _host.Client.SendAsync(_host.Post("/v1/test/stream", """{"model":"gpt-4o-mini","stream":true}"""));
        var text = await response.Content.ReadAsStringAsync();

        text.Should().EndWith("data: [DONE]\n\n").And.Contain("\"content\":\"Hel\"").And.Contain("\"content\":\"lo\"");
        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.ModelName.Should().Be("gpt-4o-mini");
        (log.PromptTokens, log.CompletionTokens, log.TotalTokens).Should().Be((5, 2, 7));
        log.CostUsd.Should().Be(0.009m, "(5 × 1000 + 2 × 2000) / 1e6 with the configured override");
        log.TtftMs.Should().NotBeNull();
    }

    [Fact]
    public async Task Track_WhenTheClientClosesRightAfterReadingAnAnswerOfDeclaredLength_ShouldRecordTheAnswerNot499()
    {
        var request = _host.Post("/v1/test/declared-length", """{"model":"gpt-4o","messages":[]}""");
        request.Headers.Add(ClientClosingAtDeclaredLength.Header, "1");
        var response = await _host.Client.SendAsync(request);

        (await response.Content.ReadAsStringAsync()).Should().Be(TestModelEndpoints.OpenAiJson);
        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.StatusCode.Should().Be(200, "every byte of the declared length was taken while the connection was open; the close came after");
        (log.ModelName, log.TotalTokens).Should().Be(("gpt-4o", 1550));
    }

    [Fact]
    public async Task Track_WhenErrorStatus_ShouldRecordStatusWithoutTokensOrCost()
    {
        var response = await _host.Client.SendAsync(_host.Post("/v1/test/rate-limited", """{"model":"gpt-4o"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.StatusCode.Should().Be(429);
        log.TotalTokens.Should().BeNull();
        log.CostUsd.Should().BeNull();
    }

    [Fact]
    public async Task Track_WhenEndpointThrows_ShouldRecordA500()
    {
        var response = await _host.Client.SendAsync(_host.Post("/v1/test/boom", "{}"));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.StatusCode.Should().Be(500);
        log.Endpoint.Should().Be("/v1/test/boom");
        log.CostUsd.Should().BeNull();
    }

    [Fact]
    public async Task Track_WhenAnswerIsNotJson_ShouldTakeModelFromRequestAndLeaveUsageNull()
    {
        var response = await _host.Client.SendAsync(_host.Post("/v1/test/text", """{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"""));

        (await response.Content.ReadAsStringAsync()).Should().Be("plain words, no usage here");
        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.ModelName.Should().Be("gpt-4o");
        (log.PromptTokens, log.CompletionTokens, log.TotalTokens, log.CostUsd).Should().Be((null, null, null, null));
    }

    [Fact]
    public async Task Track_WhenModelHasNoPrice_ShouldKeepTokensAndLeaveCostNull()
    {
        await _host.Client.SendAsync(_host.Post("/v1/test/unknown-model", "{}"));

        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.ModelName.Should().Be("mystery-model");
        log.TotalTokens.Should().Be(20);
        log.CostUsd.Should().BeNull("an unknown price is never an invented zero");
    }

    [Fact]
    public async Task Track_WhenNoApiKey_ShouldRecordThe401WithoutUser()
    {
        var response = await _host.Client.SendAsync(_host.Post("/v1/test/openai", "{}", key: string.Empty));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.StatusCode.Should().Be(401);
        log.UserId.Should().BeNull();
        log.ApiKeyId.Should().BeNull();
    }

    [Fact]
    public async Task Track_WhenPathIsNotTrackedOrIsTheDashboard_ShouldRecordNothing()
    {
        (await _host.Client.SendAsync(_host.Get("/untracked/ping"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _host.Client.SendAsync(_host.Get("/api/dashboard/?range=24h", TrackingTestHost.AdminKey))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _host.Client.SendAsync(_host.Get("/api/dashboard/health"))).StatusCode.Should().Be(HttpStatusCode.OK);
        await _host.Client.SendAsync(_host.Post("/v1/test/openai", "{}"));

        await _host.WaitForLogsAsync(1);
        await _host.DrainWriterAsync();
        var logs = await _host.QueryAsync(db => db.RequestLogs.AsNoTracking().ToListAsync());

        logs.Should().ContainSingle().Which.Endpoint.Should().Be("/v1/test/openai");
    }

    [Fact]
    public async Task Track_WhenForwardedForComesFromAnUntrustedPeer_ShouldIgnoreIt()
    {
        var request = _host.Post("/v1/test/openai", "{}", peer: "8.8.8.8");
        request.Headers.Add("X-Forwarded-For", "203.0.113.77");

        await _host.Client.SendAsync(request);

        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.IpAddress.Should().Be("8.8.8.8");
        log.CountryCode.Should().Be("US");
    }

    [Fact]
    public async Task Track_WhenRequestFollowsTheDashboard_ShouldShowUpInItsFigures()
    {
        await _host.Client.SendAsync(_host.Post("/v1/test/openai", "{}"));
        await _host.Client.SendAsync(_host.Post("/v1/test/rate-limited", "{}"));
        await _host.WaitForLogsAsync(2);

        var dashboard = await _host.Client.SendAsync(_host.Get("/api/dashboard/?range=24h", TrackingTestHost.AdminKey));
        var summary = (await dashboard.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary");

        summary.GetProperty("totalRequests").GetInt64().Should().Be(2);
        summary.GetProperty("successfulRequests").GetInt64().Should().Be(1);
        summary.GetProperty("totalTokens").GetInt64().Should().Be(1550);
        summary.GetProperty("totalCost").GetDecimal().Should().Be(0.0065m);
    }

    [Fact]
    public async Task Track_WhenClientGoesAwayMidStream_ShouldRecord499()
    {
        using var cancel = new CancellationTokenSource();
        var response = await _host.Client.SendAsync(_host.Post("/v1/test/slow", """{"model":"gpt-4o"}"""), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
        var buffer = new byte[64];
        (await stream.ReadAsync(buffer, cancel.Token)).Should().BePositive();

        await cancel.CancelAsync();
        response.Dispose();

        var log = (await _host.WaitForLogsAsync(1)).Single();
        log.StatusCode.Should().Be(499);
        log.ModelName.Should().Be("gpt-4o");
    }
}
