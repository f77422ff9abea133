using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary><c>ThreatDetection:UnusualCountry</c>: an API key used from a country it was not seen from while it was new.</summary>
public sealed class UnusualCountryDetectorOptions : DetectorOptions, IOptionsSection
{
    public UnusualCountryDetectorOptions()
    {
        WindowSeconds = 3600;
    }

    public static string Section => "ThreatDetection:UnusualCountry";

    /// <summary>A key's first this many requests with a known country teach it its countries; later ones from another country are sightings.</summary>
    [Range(1, 100_000)]
    public int LearningRequests { get; set; } = 20;

    /// <summary>At most this many keys' countries are kept in memory; keys first seen after that are not watched.</summary>
    [Range(1, 10_000_000)]
    public int MaxTrackedKeys { get; set; } = 10_000;
}
