namespace CleanDashboard.WebApi.Tracking;

/// <summary>Configuration section <c>RequestTracking</c>.</summary>
public sealed class RequestTrackingOptions
{
    public const string Section = "RequestTracking";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests whose path starts with one of these are recorded.</summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>…unless it starts with one of these: the analytics' own endpoints.</summary>
    public List<string> ExcludedPaths { get; set; } = [];

    /// <summary>Proxies (CIDR, e.g. 10.0.0.0/8) whose X-Forwarded-For is believed. Nobody else's is.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Store client addresses with the last IPv4 octet / last 80 IPv6 bits zeroed (after the country lookup).</summary>
    public bool AnonymizeIp { get; set; }

    /// <summary>How much of a request or response body is read for the model and usage: this many bytes at each end.</summary>
    public int CaptureLimitBytes { get; set; } = 1024 * 1024;

    internal static readonly string[] DefaultPaths = ["/api/", "/v1/", "/ollama/"];

    internal static readonly string[] DefaultExcludedPaths = ["/api/dashboard", "/api/admin"];
}
