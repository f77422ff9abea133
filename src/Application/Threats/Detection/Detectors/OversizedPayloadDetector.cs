using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary>Request bodies over the size limit: every 413 is a sighting.</summary>
public sealed class OversizedPayloadDetector(IOptions<OversizedPayloadDetectorOptions> options) : IThreatDetector
{
    private static readonly ThreatFinding Finding = new(ThreatSeverity.Low, "Request body over the size limit (413).");

    public string ThreatType => ThreatTypes.OversizedPayload;

    public DetectorOptions Settings { get; } = options.Value;

    public ThreatSighting? Inspect(ThreatSignal signal) =>
        signal is { Stage: ThreatSignalStage.Response, Status: 413 } ? new ThreatSighting(signal.Address, _ => Finding) : null;
}
