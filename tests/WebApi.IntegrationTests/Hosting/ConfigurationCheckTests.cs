using CleanDashboard.Application;
using CleanDashboard.Application.Budgets;
using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Telemetry.Metrics;
using CleanDashboard.Infrastructure;
using CleanDashboard.Infrastructure.Alerts;
using CleanDashboard.Infrastructure.DemoData;
using CleanDashboard.Infrastructure.GeoIp;
using CleanDashboard.Infrastructure.Retention;
using CleanDashboard.Infrastructure.Tracking;
using CleanDashboard.WebApi.Hosting;
using CleanDashboard.WebApi.Telemetry;
using CleanDashboard.WebApi.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionOptions = CleanDashboard.Infrastructure.Tracking.SessionOptions;

namespace CleanDashboard.WebApi.IntegrationTests.Hosting;

/// <summary>Every options section of the app, bound and checked as <c>Program</c> does before anything starts.</summary>
public sealed class ConfigurationCheckTests
{
    [Theory]
    [InlineData("Cache:Duration", "-00:00:01", "The field Cache:Duration must be between 00:00:00 and 1.00:00:00.")]
    [InlineData("Cache:RecomputeInterval", "02:00:00", "The field Cache:RecomputeInterval must be between 00:00:00 and 01:00:00.")]
    [InlineData("Sessions:IdleTimeout", "00:00:00", "The field Sessions:IdleTimeout must be between 00:00:01 and 7.00:00:00.")]
    [InlineData("Retention:RequestLogDays", "0", "The field Retention:RequestLogDays must be between 1 and 36500.")]
    [InlineData("Retention:Interval", "00:00:00", "The field Retention:Interval must be between 00:00:00.0100000 and 365.00:00:00.")]
    [InlineData("RequestLogWriter:BatchSize", "0", "The field RequestLogWriter:BatchSize must be between 1 and 2147483647.")]
    [InlineData("RequestLogWriter:JournalMaxBytes", "-1", "The field RequestLogWriter:JournalMaxBytes must be 0 or more (0 switches the journal off).")]
    [InlineData("GeoIp:MaxAgeDays", "0", "The field GeoIp:MaxAgeDays must be between 1 and 36500.")]
    [InlineData("Alerts:EvaluationInterval", "00:00:00", "The field Alerts:EvaluationInterval must be between 00:00:00.0100000 and 1.00:00:00.")]
    [InlineData("Alerts:Delivery:MaxAttempts", "0", "The field Alerts:Delivery:MaxAttempts must be between 1 and 100.")]
    [InlineData("Capture:RetentionDays", "0", "The field Capture:RetentionDays must be between 1 and 36500.")]
    [InlineData("Capture:RedactionPatterns:0:Kind", "no spaces", "Capture:RedactionPatterns:0:Kind must be a name of letters, digits and underscores (it is written into the text as [redacted:Kind]).")]
    [InlineData("Budgets:TimeZone", "Mars/Olympus", "Budgets:TimeZone 'Mars/Olympus' is not a known time zone; use an IANA id such as 'UTC' or 'Europe/Berlin'.")]
    [InlineData("Budgets:DefaultCompletionTokens", "-1", "The field Budgets:DefaultCompletionTokens must be between 0 and 2147483647.")]
    [InlineData("Budgets:FailureMode", "2", "The field Budgets:FailureMode is invalid.")]
    [InlineData("Telemetry:Metrics:MaxModels", "0", "The field Telemetry:Metrics:MaxModels must be between 1 and 10000.")]
    [InlineData("Telemetry:Metrics:AllowedNetworks:0", "10.0.0.0/33", "Telemetry:Metrics:AllowedNetworks: '10.0.0.0/33' is not a network in CIDR notation, such as 10.0.0.0/8.")]
    [InlineData("Telemetry:Ingestion:MaxBodyBytes", "0", "The field Telemetry:Ingestion:MaxBodyBytes must be between 1 and 2147483647.")]
    [InlineData("RequestTracking:CaptureLimitBytes", "0", "The field RequestTracking:CaptureLimitBytes must be between 1 and 2147483647.")]
    [InlineData("RequestTracking:TrustedProxies:0", "proxy", "RequestTracking:TrustedProxies: 'proxy' is not a network in CIDR notation, such as 10.0.0.0/8.")]
    [InlineData("Auth:BootstrapAdminKey", "short", "Auth:BootstrapAdminKey must be at least 32 printable ASCII characters without spaces (for example the output of `openssl rand -base64 32`); the configured key has 5 characters.")]
    [InlineData("Gateway:Failover:MaxAttempts", "0", "Gateway:Failover:MaxAttempts must be from 1 to 10, not 0.")]
    public async Task Problem_WhenASettingIsOutOfItsRange_ShouldNameTheKeyInOneLine(string key, string value, string failure)
    {
        await using var app = Build(new() { [key] = value });

        ConfigurationCheck.Problem(app.Services).Should().Be($"{failure} Not starting.");
    }

    [Theory]
    [InlineData("Retention:RequestLogDays", "ninety", "Int32")]
    [InlineData("Sessions:IdleTimeout", "half an hour", "TimeSpan")]
    public async Task Problem_WhenASettingCannotBeRead_ShouldNameTheKeyInOneLine(string key, string value, string type)
    {
        await using var app = Build(new() { [key] = value });

        ConfigurationCheck.Problem(app.Services).Should().Be($"Failed to convert configuration value '{value}' at '{key}' to type 'System.{type}'. Not starting.");
    }

    [Fact]
    public async Task Problem_WhenNothingIsConfigured_ShouldFindNoneAndKeepTheReadmesDefaults()
    {
        await using var app = Build([]);

        ConfigurationCheck.Problem(app.Services).Should().BeNull();
        var services = app.Services;
        services.GetRequiredService<QueryCacheSettings>().Should().Be(new QueryCacheSettings(TimeSpan.FromSeconds(15)) { RecomputeInterval = TimeSpan.FromSeconds(1) });
        Value<SessionOptions>(services).IdleTimeout.Should().Be(TimeSpan.FromMinutes(30));
        Value<RetentionOptions>(services).Should().BeEquivalentTo(new { Enabled = true, RequestLogDays = 90, BatchSize = 5000, PauseMs = 200, Interval = TimeSpan.FromHours(1) });
        Value<RequestLogWriterOptions>(services).Should().BeEquivalentTo(new { QueueCapacity = 100_000, BatchSize = 20_000, BatchDelayMs = 200, JournalMaxBytes = 67_108_864L });
        Value<GeoIpOptions>(services).MaxAgeDays.Should().Be(90);
        Value<AlertOptions>(services).Should().BeEquivalentTo(new
        {
            Enabled = true,
            EvaluationInterval = TimeSpan.FromSeconds(30),
            LeaseDuration = TimeSpan.FromMinutes(2),
            Delivery = new { MaxAttempts = 4, RetryDelay = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(10) },
        });
        services.GetRequiredService<CaptureOptions>().Should().BeEquivalentTo(new { Enabled = false, MaxBodyBytes = 262_144, RetentionDays = 7, DefaultRedactions = true });
        services.GetRequiredService<BudgetOptions>().Should().BeEquivalentTo(new
        {
            TimeZone = "UTC", FailureMode = BudgetFailureMode.Closed, DefaultCompletionTokens = 1024, ReconcileInterval = TimeSpan.FromSeconds(5),
        });
        Value<MetricsOptions>(services).Should().BeEquivalentTo(new { MaxModels = 100, MaxKeys = 100 });
        Value<OtlpIngestionOptions>(services).MaxBodyBytes.Should().Be(10_485_760);
        Value<RequestTrackingOptions>(services).Should().BeEquivalentTo(new { Enabled = true, TrackOperatorCalls = false, AnonymizeIp = false, CaptureLimitBytes = 1_048_576 });
        Value<DemoModeOptions>(services).Enabled.Should().BeFalse();
    }

    private static T Value<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddApplication().AddInfrastructure(builder.Configuration).AddWebApi(builder.Configuration);
        return builder.Build();
    }
}
