using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Threats.Detection;
using CleanDashboard.Application.Tracking;
using CleanDashboard.WebApi.Tracking;

namespace CleanDashboard.WebApi.Threats;

/// <summary>Turns a request into the plain <see cref="ThreatSignal"/> the detectors read: address, path, status, API key, country.</summary>
public sealed class ThreatSignals(ClientAddressResolver clientAddresses, IGeoIpResolver geoIp, TimeProvider timeProvider)
{
    /// <summary>The country comes from the in-memory GeoIP database the request log uses, never from the database.</summary>
    public ThreatSignal For(HttpContext context, ThreatSignalStage stage)
    {
        var address = clientAddresses.Resolve(context);
        return new ThreatSignal(
            stage,
            address?.ToString() ?? ThreatDetectionEngine.UnknownAddress,
            context.Request.Path.Value ?? string.Empty,
            context.Response.StatusCode,
            context.Features.Get<AuthenticatedCaller>()?.ApiKeyId,
            geoIp.ResolveCountryCode(address),
            timeProvider.GetUtcNow());
    }

    public string AddressOf(HttpContext context) => clientAddresses.Resolve(context)?.ToString() ?? ThreatDetectionEngine.UnknownAddress;

    public DateTimeOffset Now => timeProvider.GetUtcNow();
}
