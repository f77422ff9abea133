using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary>Repeated 401s from one address; in block mode the address is refused (403) until a window passes without a failure.</summary>
public sealed class BruteForceDetector(IOptions<BruteForceDetectorOptions> options) : IBlockingThreatDetector
{
    public const string BlockedCode = "address_blocked";

    private readonly BruteForceDetectorOptions _settings = options.Value;

    public string ThreatType => ThreatTypes.BruteForce;

    public DetectorOptions Settings => _settings;

    public bool BlocksAddress => true;

    public ThreatRefusal Refusal { get; } = new(403, "Too many failed authentications from this address; it is blocked for a while.", BlockedCode);

    public ThreatSighting? Inspect(ThreatSignal signal) =>
        signal is { Stage: ThreatSignalStage.Response, Status: 401 }
            ? new ThreatSighting(signal.Address, _ => new ThreatFinding(
                ThreatSeverity.High,
                $"Repeated failed authentication (401) from this address: {_settings.Threshold} or more within {_settings.WindowSeconds} s."))
            : null;
}
