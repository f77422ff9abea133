using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary>404s on paths typical of vulnerability scanners (<c>/.env</c>, <c>/wp-admin</c>, …).</summary>
public sealed class ScannerDetector : IThreatDetector
{
    private readonly ScannerDetectorOptions _settings;
    private readonly string[] _paths;

    public ScannerDetector(IOptions<ScannerDetectorOptions> options)
    {
        _settings = options.Value;
        _paths = (_settings.Paths.Count > 0 ? _settings.Paths.ToArray() : ScannerDetectorOptions.DefaultPaths).Select(p => p.ToLowerInvariant()).ToArray();
    }

    public string ThreatType => ThreatTypes.Scanner;

    public DetectorOptions Settings => _settings;

    public ThreatSighting? Inspect(ThreatSignal signal)
    {
        if (signal is not { Stage: ThreatSignalStage.Response, Status: 404 })
        {
            return null;
        }

        var path = signal.Path.ToLowerInvariant();
        var fragment = _paths.FirstOrDefault(p => path.Contains(p, StringComparison.Ordinal));
        return fragment is null
            ? null
            : new ThreatSighting(signal.Address, _ => new ThreatFinding(
                ThreatSeverity.Low,
                $"Burst of 404s on paths typical of vulnerability scanners (such as {fragment}): {_settings.Threshold} or more within {_settings.WindowSeconds} s."));
    }
}
