using CleanDashboard.WebApi.Hosting;
using CleanDashboard.WebApi.Telemetry;

namespace CleanDashboard.WebApi.Endpoints;

/// <summary>OTLP/HTTP trace ingestion: apps that call providers directly export their GenAI spans here with their API key.</summary>
public static class TelemetryEndpoints
{
    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(OtlpIngestionOptions.Path, (HttpContext context, OtlpTraceReceiver receiver, CancellationToken cancellationToken) =>
                receiver.HandleAsync(context, cancellationToken))
            .WithTags("Telemetry").WithSummary("OTLP/HTTP trace export (protobuf or JSON, gzip): GenAI spans become request logs")
            .RequireAuthorization(AuthPolicies.ApiKey).DisableAntiforgery();
        return app;
    }
}
