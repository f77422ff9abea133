using CleanDashboard.Application.Threats.Detection;

namespace CleanDashboard.WebApi.Threats;

/// <summary>Hands every finished response to the detectors (brute force, scanner, oversized payload, …); never waits on anything.</summary>
public sealed class ThreatObservationMiddleware(RequestDelegate next, ThreatDetectionEngine engine, ThreatSignals signals)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            engine.Observe(signals.For(context, ThreatSignalStage.Response));
        }
    }
}
