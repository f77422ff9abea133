using CleanDashboard.Application.Threats.Detection;

namespace CleanDashboard.WebApi.Threats;

/// <summary>Refuses requests from an address a blocking detector holds back (brute force in <c>Mode: Block</c>), before authentication reads a key.</summary>
public sealed class AddressBlockMiddleware(RequestDelegate next, ThreatDetectionEngine engine, ThreatSignals signals, ThreatRefusalWriter refusals)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (engine.BlocksAddresses && engine.RefusalFor(signals.AddressOf(context), signals.Now) is { } refusal)
        {
            await refusals.WriteAsync(context, refusal);
            return;
        }

        await next(context);
    }
}
