using System.ClientModel;
using System.Text.Json;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace CleanDashboard.Gateway.IntegrationTests.Limits;

/// <summary>Redis down, Budgets:FailureMode closed (the default): limited keys are refused with 503, others go on, health says so.</summary>
public sealed class RedisDownTests(RedisDownGatewayFixture gateway) : IClassFixture<RedisDownGatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAIChat_WhenRedisIsDownAndTheKeyHasABudget_ShouldBe503LimitsUnavailableWhileAnUnlimitedKeyIsAnswered()
    {
        var limited = await gateway.NewCallerAsync();
        var unlimited = await gateway.NewCallerAsync();
        await LimitsClient.PutAsync(gateway, $"api/admin/api-keys/{limited.KeyId}/limits", new { budgetUsd = 5m, budgetPeriod = "day" });

        var act = () => limited.OpenAI().GetChatClient("demo-echo").CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: Cancellation);

        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;
        (error.Status, error.Message).Should().Be((503,
            "HTTP 503 (server_error: limits_unavailable)\n\nThe limits of this API key or its user cannot be checked right now (Budgets:FailureMode is closed); retry shortly."));
        error.GetRawResponse()!.Headers.TryGetValue("retry-after", out var retryAfter).Should().BeTrue();
        retryAfter.Should().Be("1");
        var answer = await unlimited.OpenAI().GetChatClient("demo-echo").CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: Cancellation);
        answer.Value.Content[0].Text.Should().Be("Echo: Hi");
        (await limited.SingleRequestLogAsync()).StatusCode.Should().Be(503);
    }

    [Fact]
    public async Task Health_WhenRedisIsDown_ShouldReportBudgetsDegradedSayingLimitedRequestsAreRefused()
    {
        using var http = gateway.HttpClient(null);

        using var response = await http.GetAsync("api/dashboard/health/", Cancellation);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        body.RootElement.GetProperty("status").GetString().Should().Be("degraded");
        var budgets = body.RootElement.GetProperty("checks").GetProperty("budgets");
        budgets.GetProperty("status").GetString().Should().Be("degraded");
        budgets.GetProperty("detail").GetString().Should().Be(
            "Redis cannot be reached; requests of API keys and users with limits are refused with 503 (Budgets:FailureMode closed).");
    }
}

/// <summary>Redis down with Budgets:FailureMode open: limited keys go through uncounted, and health says that.</summary>
public sealed class RedisDownFailOpenTests(RedisDownFailOpenGatewayFixture gateway) : IClassFixture<RedisDownFailOpenGatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAIChat_WhenRedisIsDownAndFailureModeIsOpen_ShouldAnswerALimitedKey()
    {
        var limited = await gateway.NewCallerAsync();
        await LimitsClient.PutAsync(gateway, $"api/admin/api-keys/{limited.KeyId}/limits", new { budgetUsd = 0m, budgetPeriod = "day" });

        var answer = await limited.OpenAI().GetChatClient("demo-echo").CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: Cancellation);

        answer.Value.Content[0].Text.Should().Be("Echo: Hi");
        using var http = gateway.HttpClient(null);
        using var health = JsonDocument.Parse(await http.GetStringAsync("api/dashboard/health/", Cancellation));
        health.RootElement.GetProperty("checks").GetProperty("budgets").GetProperty("detail").GetString().Should().Be(
            "Redis cannot be reached; requests of API keys and users with limits go through uncounted (Budgets:FailureMode open).");
    }
}
