namespace CleanDashboard.WebApi.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>OTLP ingestion on <c>/v1/traces</c>.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OtlpIngestionOptions>(configuration.GetSection(OtlpIngestionOptions.Section));
        services.AddScoped<OtlpTraceReceiver>();
        return services;
    }
}
