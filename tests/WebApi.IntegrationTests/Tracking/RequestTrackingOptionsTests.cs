using CleanDashboard.WebApi.Tracking;

namespace CleanDashboard.WebApi.IntegrationTests.Tracking;

public sealed class RequestTrackingOptionsTests
{
    [Fact]
    public async Task Track_WhenPeerIsATrustedProxy_ShouldTakeTheFirstUntrustedForwardedAddress()
    {
        await using var host = await TrackingTestHost.StartAsync(new() { ["RequestTracking:TrustedProxies:0"] = "10.0.0.0/8" });
        var request = host.Post("/v1/test/openai", "{}", peer: "10.1.2.3");
        request.Headers.Add("X-Forwarded-For", "198.51.100.1, 8.8.8.8, 10.9.9.9");

        await host.Client.SendAsync(request);

        var log = (await host.WaitForLogsAsync(1)).Single();
        log.IpAddress.Should().Be("8.8.8.8", "10.9.9.9 is a trusted hop; 8.8.8.8 is the first untrusted one from the right");
        log.CountryCode.Should().Be("US");
    }

    [Fact]
    public async Task Track_WhenAnonymizing_ShouldZeroTheHostPartAfterTheCountryLookup()
    {
        await using var host = await TrackingTestHost.StartAsync(new() { ["RequestTracking:AnonymizeIp"] = "true" });

        await host.Client.SendAsync(host.Post("/v1/test/openai", "{}", peer: "203.0.113.77"));

        var log = (await host.WaitForLogsAsync(1)).Single();
        log.IpAddress.Should().Be("203.0.113.0");
        log.CountryCode.Should().Be("FR");
    }

    [Fact]
    public async Task Track_WhenAPathOnlyBeginsWithTheLettersOfAnOperatorPath_ShouldStillRecordIt()
    {
        await using var host = await TrackingTestHost.StartAsync();

        await host.Client.SendAsync(host.Get("/api/messages"));

        var log = (await host.WaitForLogsAsync(1)).Single();
        (log.Endpoint, log.StatusCode).Should().Be(("/api/messages", 404), "/api/me excludes /api/me and /api/me/…, whole segments only");
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1::")]
    public void Anonymize_ShouldKeepTheNetworkPartOnly(string address, string expected)
    {
        IpAnonymizer.Anonymize(System.Net.IPAddress.Parse(address)).ToString().Should().Be(expected);
    }

    [Fact]
    public async Task Track_WhenAnswerIsLargerThanTheCaptureLimit_ShouldPassItWholeAndReadUsageFromItsEnd()
    {
        await using var host = await TrackingTestHost.StartAsync(new() { ["RequestTracking:CaptureLimitBytes"] = "1024" });

        var response = await host.Client.SendAsync(host.Post("/v1/test/large", "{}"));

        (await response.Content.ReadAsStringAsync()).Should().Be(TestModelEndpoints.LargeAnswer());
        var log = (await host.WaitForLogsAsync(1)).Single();
        log.ModelName.Should().Be("gpt-4o");
        (log.PromptTokens, log.CompletionTokens, log.TotalTokens).Should().Be((40, 4000, 4040));
        log.CostUsd.Should().Be(0.0401m, "(40 × 2.50 + 4,000 × 10.00) / 1e6");
    }

    [Fact]
    public async Task Stop_WhenEntriesAreStillQueued_ShouldDrainThemToTheDatabase()
    {
        await using var host = await TrackingTestHost.StartAsync(new()
        {
            ["RequestLogWriter:BatchDelayMs"] = "600000",
            ["RequestLogWriter:BatchSize"] = "100000",
        });
        for (var i = 0; i < 25; i++)
        {
            await host.Client.SendAsync(host.Post("/v1/test/openai", "{}"));
        }

        (await host.QueryAsync(db => Task.FromResult(db.RequestLogs.Count()))).Should().Be(0, "the batch is still being collected");
        await host.StopAsync();

        (await host.QueryAsync(db => Task.FromResult(db.RequestLogs.Count()))).Should().Be(25);
    }
}
