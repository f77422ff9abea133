namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary><c>ThreatDetection:OversizedPayload</c>: request bodies over the size limit (413).</summary>
public sealed class OversizedPayloadDetectorOptions : DetectorOptions, IOptionsSection
{
    public static string Section => "ThreatDetection:OversizedPayload";
}
