using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary><c>ThreatDetection:RateLimit</c>: the rate limiter itself and the incident it raises (429s are sightings, medium, high past <see cref="EscalateAfter"/>).</summary>
public sealed class RateLimitDetectorOptions : DetectorOptions, IOptionsSection
{
    public RateLimitDetectorOptions()
    {
        Threshold = 20;
        WindowSeconds = 60;
    }

    public static string Section => "ThreatDetection:RateLimit";

    /// <summary>Requests per API key in one limiter window.</summary>
    [Range(1, int.MaxValue)]
    public int PermitsPerKey { get; set; } = 600;

    /// <summary>Requests per client address in one limiter window, with or without a key.</summary>
    [Range(1, int.MaxValue)]
    public int PermitsPerAddress { get; set; } = 1200;

    [Range(1, 86_400)]
    public int LimiterWindowSeconds { get; set; } = 60;

    /// <summary>An incident with more rejections than this becomes high severity.</summary>
    [Range(0, int.MaxValue)]
    public int EscalateAfter { get; set; } = 200;

    /// <summary>Paths the limiter covers (prefixes); unset: <c>/api/</c> and every gateway protocol's prefixes. The health endpoint is never limited.</summary>
    public List<string> Paths { get; set; } = [];
}
