using System.Globalization;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary>Requests the rate limiter turned away: medium while sustained, high once the incident passes <see cref="RateLimitDetectorOptions.EscalateAfter"/>.</summary>
public sealed class RateLimitDetector(IOptions<RateLimitDetectorOptions> options) : IThreatDetector
{
    private readonly RateLimitDetectorOptions _settings = options.Value;

    public string ThreatType => ThreatTypes.RateLimit;

    public DetectorOptions Settings => _settings;

    public ThreatSighting? Inspect(ThreatSignal signal)
    {
        if (signal.Stage != ThreatSignalStage.RateLimited)
        {
            return null;
        }

        var who = signal.ApiKeyId is { } id ? $"this address (API key id {id.ToString(CultureInfo.InvariantCulture)})" : "this address";
        return new ThreatSighting(signal.Address, total => total > _settings.EscalateAfter
            ? new ThreatFinding(ThreatSeverity.High, $"Rate-limit rejections (429) of {who} continued past {_settings.EscalateAfter}.")
            : new ThreatFinding(ThreatSeverity.Medium, $"Sustained rate-limit rejections (429) of {who}: {_settings.Threshold} or more within {_settings.WindowSeconds} s."));
    }
}
