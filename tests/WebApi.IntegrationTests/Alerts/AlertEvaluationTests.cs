using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanDashboard.Domain.Entities;
using CleanDashboard.TestSupport;

namespace CleanDashboard.WebApi.IntegrationTests.Alerts;

/// <summary>
/// Rules evaluated on the fake clock (now 2024-03-01 10:37:12) over rows seeded in the real database, notifying a real
/// HTTP receiver on loopback. Each test runs its own app, so no other rule is evaluated beside its own.
/// </summary>
public sealed class AlertEvaluationTests
{
    private const string Secret = "whsec-test-0123";

    private static readonly DateTime Now = DashboardApiFactory.Now.UtcDateTime;

    [Fact]
    public async Task Evaluate_WhenTheErrorRateCrossesTheThresholdAndFallsBack_ShouldSendOneSignedWebhookPerTransition()
    {
        await using var factory = await AlertsApiFactory.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var id = await factory.CreateRuleAsync(RuleBody("error_rate", "0.1", "00:05:00", "00:00:00", receiver.Url));

        // 10:33:00 — 1 error in 10 requests: 0.1 is not above the threshold.
        await factory.SeedRequestsAsync(Now.AddSeconds(-252), successes: 9, errors: 1);
        (await factory.EvaluateAsync()).Should().Be(new Application.Alerts.Commands.EvaluateAlertRules.AlertEvaluationResult(true, 0));

        // 10:37:00 — one more error: 2 of 11 = 0.1818181818 (10 decimals), above 0.1.
        await factory.SeedRequestsAsync(Now.AddSeconds(-12), successes: 0, errors: 1);
        (await factory.EvaluateAsync()).Transitions.Should().Be(1);
        var firing = await receiver.NextAsync();

        // 10:37:42 — the window [10:32:42, 10:37:42] still holds both batches: still firing, nothing sent.
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        (await factory.EvaluateAsync()).Transitions.Should().Be(0);

        // 10:38:30 — 9 successes at 10:38:00; the 10:33:00 batch has left the window: 1 of 10 = 0.1, resolved.
        await factory.SeedRequestsAsync(Now.AddSeconds(48), successes: 9, errors: 0);
        factory.Time.Advance(TimeSpan.FromSeconds(48));
        (await factory.EvaluateAsync()).Transitions.Should().Be(1);
        var resolved = await receiver.NextAsync();

        firing.Text.Should().Be($$"""{"rule":{"id":{{id}},"name":"Error rate","metric":"error_rate"},"state":"firing","value":0.1818181818,"threshold":0.1,"at":"2024-03-01T10:37:12Z"}""");
        resolved.Text.Should().Be($$"""{"rule":{"id":{{id}},"name":"Error rate","metric":"error_rate"},"state":"resolved","value":0.1,"threshold":0.1,"at":"2024-03-01T10:38:30Z"}""");
        firing.Signature.Should().Be(Sign(firing.Body));
        resolved.Signature.Should().Be(Sign(resolved.Body));
        firing.ContentType.Should().Be("application/json; charset=utf-8");
        receiver.Unread.Should().Be(0);

        var history = await factory.Admin().GetFromJsonAsync<JsonElement>($"/api/admin/alerts?ruleId={id}", TestContext.Current.CancellationToken);
        history.EnumerateArray().Select(e => (e.GetProperty("state").GetString(), e.GetProperty("delivery").GetString(), e.GetProperty("attempts").GetArrayLength()))
            .Should().Equal(("resolved", "delivered", 1), ("firing", "delivered", 1));
    }

    [Fact]
    public async Task Evaluate_WhenTheReceiverAnswers500Then200_ShouldRetryAndRecordBothAttempts()
    {
        await using var factory = await AlertsApiFactory.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(500);
        var id = await factory.CreateRuleAsync(RuleBody("requests", "2", "00:05:00", "00:00:00", receiver.Url));
        await factory.SeedRequestsAsync(Now.AddMinutes(-1), successes: 3, errors: 0);

        (await factory.EvaluateAsync()).Transitions.Should().Be(1);

        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();
        first.AnsweredStatus.Should().Be(500);
        second.AnsweredStatus.Should().Be(200);
        second.Text.Should().Be(first.Text);
        second.Signature.Should().Be(Sign(second.Body));
        var history = await factory.Admin().GetFromJsonAsync<JsonElement>("/api/admin/alerts", TestContext.Current.CancellationToken);
        var alert = history.EnumerateArray().Should().ContainSingle().Subject;
        alert.GetProperty("ruleId").GetInt32().Should().Be(id);
        alert.GetProperty("value").GetDecimal().Should().Be(3m);
        alert.GetProperty("delivery").GetString().Should().Be("delivered");
        alert.GetProperty("attempts").EnumerateArray()
            .Select(a => (a.GetProperty("attempt").GetInt32(), a.GetProperty("statusCode").GetInt32(), a.GetProperty("succeeded").GetBoolean()))
            .Should().Equal((1, 500, false), (2, 200, true));
        alert.GetProperty("attempts")[0].GetProperty("error").GetString().Should().Be("The receiver answered 500.");
    }

    [Fact]
    public async Task Evaluate_WhenEveryAttemptFails_ShouldRecordThemAndReportDegradedHealthUntilADeliverySucceeds()
    {
        await using var factory = await AlertsApiFactory.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AlwaysStatus = 503;
        var id = await factory.CreateRuleAsync(RuleBody("requests", "2", "00:05:00", "00:00:00", receiver.Url));
        await factory.SeedRequestsAsync(Now.AddMinutes(-1), successes: 3, errors: 0);

        await factory.EvaluateAsync();

        var history = await factory.Admin().GetFromJsonAsync<JsonElement>("/api/admin/alerts", TestContext.Current.CancellationToken);
        history[0].GetProperty("delivery").GetString().Should().Be("failed");
        history[0].GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).Should().Equal(503, 503, 503);
        var health = await factory.ClientWithKey(null).GetFromJsonAsync<JsonElement>("/api/dashboard/health", TestContext.Current.CancellationToken);
        health.GetProperty("status").GetString().Should().Be("degraded");
        health.GetProperty("checks").GetProperty("alerts").GetProperty("status").GetString().Should().Be("degraded");
        health.GetProperty("checks").GetProperty("alerts").GetProperty("detail").GetString()
            .Should().Be($"The last notification of alert rule(s) {id} could not be delivered.");

        // Six minutes on, the three requests have left the window: the resolution is delivered and health recovers.
        receiver.AlwaysStatus = 200;
        factory.Time.Advance(TimeSpan.FromMinutes(6));
        await factory.EvaluateAsync();
        var after = await factory.ClientWithKey(null).GetFromJsonAsync<JsonElement>("/api/dashboard/health", TestContext.Current.CancellationToken);
        after.GetProperty("checks").GetProperty("alerts").GetProperty("status").GetString().Should().Be("healthy");
    }

    [Fact]
    public async Task Evaluate_WhenForIsOneMinute_ShouldFireOnlyOnceTheConditionHeldForAMinute()
    {
        await using var factory = await AlertsApiFactory.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await factory.CreateRuleAsync(RuleBody("requests", "0", "00:10:00", "00:01:00", receiver.Url));
        await factory.SeedRequestsAsync(Now.AddMinutes(-1), successes: 1, errors: 0);

        (await factory.EvaluateAsync()).Transitions.Should().Be(0);
        factory.Time.Advance(TimeSpan.FromSeconds(59));
        (await factory.EvaluateAsync()).Transitions.Should().Be(0);
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        (await factory.EvaluateAsync()).Transitions.Should().Be(1);

        var firing = await receiver.NextAsync();
        JsonDocument.Parse(firing.Body).RootElement.GetProperty("at").GetString().Should().Be("2024-03-01T10:38:12Z");
        receiver.Unread.Should().Be(0);
    }

    [Fact]
    public async Task Evaluate_WhenTheChannelIsSlack_ShouldPostATextMessage()
    {
        await using var factory = await AlertsApiFactory.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await factory.CreateRuleAsync($$$"""
            {"name":"Spend","metric":"cost_usd","threshold":0.5,"window":"01:00:00","channel":{"type":"slack","url":"{{{receiver.Url}}}"}}
            """);
        await factory.SeedAsync(db => db.RequestLogs.AddRange(
            Priced(Now.AddMinutes(-30), 0.25m), Priced(Now.AddMinutes(-20), 0.2500000001m)));

        await factory.EvaluateAsync();

        var message = await receiver.NextAsync();
        message.Text.Should().Be("""{"text":"[FIRING] Spend: cost_usd is 0.5000000001, above the threshold 0.5 (since 2024-03-01 10:37:12 UTC)."}""");
        message.Signature.Should().BeEmpty();
    }

    [Fact]
    public async Task Evaluate_WhenAnotherInstanceHoldsTheLease_ShouldNotEvaluateUntilTheLeaseExpires()
    {
        await using var factory = await AlertsApiFactory.StartAsync();

        (await factory.EvaluateAsync("instance-a")).Evaluated.Should().BeTrue();
        (await factory.EvaluateAsync("instance-b")).Evaluated.Should().BeFalse();
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        (await factory.EvaluateAsync("instance-a")).Evaluated.Should().BeTrue();
        factory.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(10));
        (await factory.EvaluateAsync("instance-b")).Evaluated.Should().BeFalse();
        factory.Time.Advance(TimeSpan.FromTicks(10));
        (await factory.EvaluateAsync("instance-b")).Evaluated.Should().BeTrue();
        (await factory.EvaluateAsync("instance-a")).Evaluated.Should().BeFalse();
    }

    [Fact]
    public async Task BackgroundService_WhenTheIntervalPasses_ShouldEvaluateAndNotify()
    {
        await using var factory = await AlertsApiFactory.StartAsync(backgroundEvaluation: true);
        await using var receiver = await WebhookReceiver.StartAsync();
        await factory.CreateRuleAsync(RuleBody("requests", "0", "00:05:00", "00:00:00", receiver.Url));
        await factory.SeedRequestsAsync(Now, successes: 1, errors: 0);

        factory.Time.Advance(AlertsApiFactory.EvaluationInterval);

        var firing = await receiver.NextAsync();
        JsonDocument.Parse(firing.Body).RootElement.GetProperty("state").GetString().Should().Be("firing");
        var panel = await factory.Admin().GetFromJsonAsync<JsonElement>("/api/alerts/firing", TestContext.Current.CancellationToken);
        panel.EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("value").GetDecimal(), a.GetProperty("since").GetString()))
            .Should().Equal(("requests rule", 1m, "2024-03-01T10:37:42Z"));
    }

    private static RequestLog Priced(DateTime at, decimal cost) =>
        RequestLogBuilder.ChatAt(at).Latency(10).Model("gpt-4o").Country("DE").TotalTokens(10).Cost(cost).Build();

    private static string RuleBody(string metric, string threshold, string window, string forDuration, string url) => $$$"""
        {"name":"{{{(metric == "error_rate" ? "Error rate" : metric + " rule")}}}","metric":"{{{metric}}}","threshold":{{{threshold}}},"window":"{{{window}}}","for":"{{{forDuration}}}",
         "channel":{"type":"webhook","url":"{{{url}}}","secret":"{{{Secret}}}"}}
        """;

    private static string Sign(byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
}
