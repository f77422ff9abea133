using CleanDashboard.Application.Alerts.Commands.EvaluateAlertRules;
using System.Net.Http.Json;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using CleanDashboard.TestSupport;

namespace CleanDashboard.WebApi.IntegrationTests.Alerts;

/// <summary>
/// The app with the background evaluation off (tests run each pass themselves, on the fake clock) and quick
/// delivery retries, unless a test asks for the background service.
/// </summary>
public sealed class AlertsApiFactory : DashboardApiFactory
{
    public const string Instance = "tests-instance";
    public const int MaxAttempts = 3;

    public static readonly TimeSpan EvaluationInterval = TimeSpan.FromSeconds(30);

    /// <summary>Whether the background service evaluates every <see cref="EvaluationInterval"/> of the fake clock.</summary>
    public bool BackgroundEvaluation { get; init; }

    public static async Task<AlertsApiFactory> StartAsync(bool backgroundEvaluation = false)
    {
        var factory = new AlertsApiFactory { BackgroundEvaluation = backgroundEvaluation };
        await factory.InitializeAsync();
        return factory;
    }

    public HttpClient Admin() => ClientWithKey(AdminKey);

    public async Task<AlertEvaluationResult> EvaluateAsync(string holder = Instance)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new EvaluateAlertRulesCommand(holder, TimeSpan.FromMinutes(2)));
    }

    public async Task<T> WithDb<T>(Func<DashboardDbContext, T> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return read(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    /// <summary>Creates a rule through the API; returns its id.</summary>
    public async Task<int> CreateRuleAsync(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await Admin().PostAsync("/api/admin/alert-rules", content);
        response.EnsureSuccessStatusCode();
        var rule = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return rule.GetProperty("id").GetInt32();
    }

    /// <summary>Request rows at one instant, seeded in the database and summed into the rollups.</summary>
    public Task SeedRequestsAsync(DateTime at, int successes, int errors, double latencyMs = 100) => SeedAsync(db =>
    {
        for (var i = 0; i < successes + errors; i++)
        {
            db.RequestLogs.Add(RequestLogBuilder.ChatAt(at).Status(i < successes ? 200 : 500).Latency(latencyMs).Model("gpt-4o").Country("DE").Build());
        }
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Alerts:Enabled", BackgroundEvaluation ? "true" : "false");
        builder.UseSetting("Alerts:EvaluationInterval", EvaluationInterval.ToString("c"));
        builder.UseSetting("Alerts:Delivery:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Alerts:Delivery:RetryDelay", "00:00:00.010");
        builder.UseSetting("Alerts:Delivery:Timeout", "00:00:05");
    }
}
