using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Application.Threats.Detection;

/// <summary>Configuration section <c>ThreatDetection</c>: what the engine shares; each detector has its own subsection.</summary>
public sealed class ThreatDetectionOptions : IOptionsSection
{
    public static string Section => "ThreatDetection";

    /// <summary>Per detector, at most this many addresses (or keys) are watched at once; the in-memory windows never grow past it.</summary>
    [Range(1, 10_000_000)]
    public int MaxTrackedAddresses { get; set; } = 10_000;
}
