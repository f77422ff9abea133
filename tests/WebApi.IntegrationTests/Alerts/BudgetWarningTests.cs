using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.Application.Budgets;
using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.CreateUser;
using CleanDashboard.Domain.Enums;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.WebApi.IntegrationTests.Alerts;

/// <summary>
/// A budget_percent rule on a key with a $1 daily budget (UTC days): its spend is raised through the real counters'
/// reconciliation, as the reconciler does from the request logs, and each level warns once per period.
/// </summary>
public sealed class BudgetWarningTests
{
    [Fact]
    public async Task Evaluate_WhenSpendReachesEachLevel_ShouldWarnOncePerLevelAndPeriodAtTheHighestReached()
    {
        await using var factory = await AlertsApiFactory.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var keyId = await KeyWithDailyBudgetAsync(factory, 1m);
        var id = await factory.CreateRuleAsync($$$"""
            {"name":"Key budget","metric":"budget_percent","threshold":50,"window":"00:05:00","filters":{"apiKeyId":{{{keyId}}}},
             "channel":{"type":"webhook","url":"{{{receiver.Url}}}","secret":"k"}}
            """);

        await SpendAsync(factory, keyId, 0.40m);
        (await factory.EvaluateAsync()).Transitions.Should().Be(0);
        await SpendAsync(factory, keyId, 0.55m);
        (await factory.EvaluateAsync()).Transitions.Should().Be(1);
        (await factory.EvaluateAsync()).Transitions.Should().Be(0);
        await SpendAsync(factory, keyId, 0.97m);
        (await factory.EvaluateAsync()).Transitions.Should().Be(1);
        await SpendAsync(factory, keyId, 1.00m);
        (await factory.EvaluateAsync()).Transitions.Should().Be(1);
        (await factory.EvaluateAsync()).Transitions.Should().Be(0);

        // The next day is a new period: 60 % warns at 50 % again.
        factory.Time.Advance(TimeSpan.FromDays(1));
        await SpendAsync(factory, keyId, 0.60m);
        (await factory.EvaluateAsync()).Transitions.Should().Be(1);

        var bodies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            bodies.Add((await receiver.NextAsync()).Text);
        }

        string Body(string value, int level, string at) =>
            $$$"""{"rule":{"id":{{{id}}},"name":"Key budget","metric":"budget_percent"},"state":"firing","value":{{{value}}},"threshold":{{{level}}},"at":"{{{at}}}","subject":"apiKey:{{{keyId}}}"}""";
        bodies.Should().Equal(
            Body("55", 50, "2024-03-01T10:37:12Z"),
            Body("97", 95, "2024-03-01T10:37:12Z"),
            Body("100", 100, "2024-03-01T10:37:12Z"),
            Body("60", 50, "2024-03-02T10:37:12Z"));
        receiver.Unread.Should().Be(0);
        var rule = await factory.Admin().GetFromJsonAsync<JsonElement>($"/api/admin/alert-rules/{id}", TestContext.Current.CancellationToken);
        rule.GetProperty("state").GetString().Should().Be("firing");
        rule.GetProperty("lastValue").GetDecimal().Should().Be(60m);
    }

    [Fact]
    public async Task Post_WhenABudgetRuleFiltersByModel_ShouldAnswer400NamingFilters()
    {
        await using var factory = await AlertsApiFactory.StartAsync();
        using var content = new StringContent("""
            {"name":"b","metric":"budget_percent","threshold":80,"window":"00:05:00","filters":{"model":"gpt-4o"},
             "channel":{"type":"slack","url":"https://hooks.example.com/x"}}
            """, System.Text.Encoding.UTF8, "application/json");

        var response = await factory.Admin().PostAsync("/api/admin/alert-rules", content, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("filters");
    }

    private static async Task<int> KeyWithDailyBudgetAsync(AlertsApiFactory factory, decimal budgetUsd)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new CreateUserCommand("budgeted", "member"));
        var key = await mediator.Send(new CreateApiKeyCommand("budgeted", "k"));
        using var body = JsonContent.Create(new { budgetUsd, budgetPeriod = "day", requestsPerMinute = (int?)null, tokensPerMinute = (int?)null });
        var response = await factory.Admin().PutAsync($"/api/admin/api-keys/{key.Id}/limits", body);
        response.EnsureSuccessStatusCode();
        return key.Id;
    }

    /// <summary>Raises the key's settled spend of today (UTC) to <paramref name="usd"/>.</summary>
    private static Task SpendAsync(AlertsApiFactory factory, int keyId, decimal usd)
    {
        var period = BudgetPeriods.Current(BudgetPeriod.Day, factory.Time.GetUtcNow().UtcDateTime, TimeZoneInfo.Utc);
        return factory.Services.GetRequiredService<ISpendCounters>().ReconcileAsync(LimitSubject.ApiKey(keyId), period, SpendUnits.FromCost(usd), CancellationToken.None);
    }
}
