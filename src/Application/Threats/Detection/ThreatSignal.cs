namespace CleanDashboard.Application.Threats.Detection;

/// <summary>
/// What the web layer saw of one request, as plain data for the detectors: who asked (address, API key, country), what
/// (path, the first bytes of the body), and how it ended (status). Built from the request by the web layer; never waits on anything.
/// </summary>
/// <param name="Address">The client's address as text; <see cref="ThreatDetectionEngine.UnknownAddress"/> when it is not known.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code from the GeoIP lookup; blank or null when unknown.</param>
public sealed record ThreatSignal(ThreatSignalStage Stage, string Address, string Path, int Status, int? ApiKeyId, string? Country, DateTimeOffset At)
{
    /// <summary>The first bytes of the request body (<see cref="ThreatSignalStage.RequestBody"/> only).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
}

/// <summary>When in a request's life the signal is raised.</summary>
public enum ThreatSignalStage
{
    /// <summary>The request was admitted (authenticated, within its limits) and its body's first bytes read; the endpoint has not run yet.</summary>
    RequestBody,

    /// <summary>The rate limiter turned the request away (429).</summary>
    RateLimited,

    /// <summary>The response has its final status.</summary>
    Response,
}
