using System.Diagnostics.Metrics;
using CleanDashboard.Application.Telemetry.Metrics;
using CleanDashboard.Infrastructure.Configuration;
using CleanDashboard.WebApi.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CleanDashboard.WebApi.Telemetry;

public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The OTLP exporter's own switch (it also reads _HEADERS, _PROTOCOL and the like from the environment).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// OTLP ingestion on <c>/v1/traces</c>; our meter exported for Prometheus on <c>/metrics</c>; the gateway's CLIENT spans
    /// exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<OtlpIngestionOptions>(OtlpIngestionOptions.Section);
        services.AddScoped<OtlpTraceReceiver>();

        // Checked at the start, so a mistyped network stops the start-up with a clear message instead of refusing every scrape.
        services.AddValidatedOptions<MetricsOptions>(MetricsOptions.Section)
            .ValidateBy(o => MetricsScrapeHandler.FromConfiguration(o.AllowedNetworks));
        services.AddSingleton<IAuthorizationHandler>(sp => MetricsScrapeHandler.FromConfiguration(sp.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowedNetworks));
        services.AddAuthorizationBuilder().AddPolicy(AuthPolicies.MetricsScrape, policy => policy.AddRequirements(new MetricsScrapeRequirement()));

        var openTelemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("cleandashboard"))
            .WithMetrics(meter =>
            {
                meter.AddMeter(TelemetryNames.Meter).AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
                ((IDeferredMeterProviderBuilder)meter).Configure((provider, builder) => builder.AddView(OwnMetersOnly(provider.GetRequiredService<IMeterFactory>())));
            });
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            openTelemetry.WithTracing(tracing => tracing
                .AddSource(TelemetryNames.ActivitySource)
                .AddOtlpExporter(options => options.Endpoint = SignalEndpoint(configuration, options.Protocol)));
        }

        return services;
    }

    /// <summary>The SDK listens to every meter of our name in the process; another host's (tests start several) is not this one's to report.</summary>
    private static Func<Instrument, MetricStreamConfiguration?> OwnMetersOnly(IMeterFactory factory) =>
        instrument => instrument.Meter.Scope == factory ? null : MetricStreamConfiguration.Drop;

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AuthPolicies.MetricsScrape);
        return app;
    }

    /// <summary>As the exporter does with the variable itself: the base endpoint plus <c>/v1/traces</c> for OTLP/HTTP; read from configuration so tests and appsettings can set it too.</summary>
    private static Uri SignalEndpoint(IConfiguration configuration, OtlpExportProtocol protocol)
    {
        var endpoint = new Uri(configuration[OtlpEndpointVariable]!);
        return protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint.ToString().TrimEnd('/') + OtlpIngestionOptions.Path) : endpoint;
    }
}
