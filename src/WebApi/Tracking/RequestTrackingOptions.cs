using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.WebApi.Tracking;

/// <summary>Configuration section <c>RequestTracking</c>.</summary>
public sealed class RequestTrackingOptions
{
    public const string Section = "RequestTracking";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests whose path starts with one of these are recorded; unset: <c>/api/</c> and every gateway protocol's prefixes.</summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>…unless it starts with one of these (besides <see cref="OperatorPaths"/>, excluded unless <see cref="TrackOperatorCalls"/>).</summary>
    public List<string> ExcludedPaths { get; set; } = [];

    /// <summary>
    /// Record the dashboard's own calls (<see cref="OperatorPaths"/>) as traffic too. Off by default: the operator reading
    /// the dashboard is not API traffic, and would otherwise count as an active user with a session.
    /// </summary>
    public bool TrackOperatorCalls { get; set; }

    /// <summary>Proxies (CIDR, e.g. 10.0.0.0/8) whose X-Forwarded-For is believed. Nobody else's is.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Store client addresses with the last IPv4 octet / last 80 IPv6 bits zeroed (after the country lookup).</summary>
    public bool AnonymizeIp { get; set; }

    /// <summary>How much of a request or response body is read for the model and usage: this many bytes at each end.</summary>
    [Range(1, int.MaxValue)]
    public int CaptureLimitBytes { get; set; } = 1024 * 1024;

    /// <summary>Never tracked: an export's spans are the traffic, recorded one by one; the export call itself is not a model call.</summary>
    internal static readonly string[] IngestionPaths = [Telemetry.OtlpIngestionOptions.Path];

    /// <summary>What the dashboard UI calls for itself: who is signed in, the dashboard, the admin screens.</summary>
    internal static readonly string[] OperatorPaths = ["/api/me", "/api/dashboard", "/api/admin"];
}
