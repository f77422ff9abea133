using CleanDashboard.WebApi.Tracking;

namespace CleanDashboard.WebApi.Threats;

/// <summary>Hands every finished response's status to the detectors (brute force, scanner, oversized payload); never waits on anything.</summary>
public sealed class ThreatObservationMiddleware(RequestDelegate next, ThreatDetector detector, ClientAddressResolver clientAddresses)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            detector.ObserveResponse(clientAddresses.Resolve(context)?.ToString(), context.Request.Path.Value ?? string.Empty, context.Response.StatusCode);
        }
    }
}
