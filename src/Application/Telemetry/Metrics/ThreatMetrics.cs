using System.Diagnostics.Metrics;
using CleanDashboard.Application.Threats.Common;

namespace CleanDashboard.Application.Telemetry.Metrics;

/// <summary><c>cleandashboard.threats</c>: occurrences the detectors reported, by threat type and severity.</summary>
public sealed class ThreatMetrics
{
    private readonly Counter<long> _threats;

    public ThreatMetrics(IMeterFactory meters)
    {
        _threats = meters.Create(TelemetryNames.Meter).CreateCounter<long>("cleandashboard.threats", "{occurrence}", "Threat occurrences detected, by type.");
    }

    public void Record(ThreatEvent threat) =>
        _threats.Add(threat.Occurrences, new KeyValuePair<string, object?>("threat.type", threat.ThreatType), new KeyValuePair<string, object?>("threat.severity", threat.Severity.ToString().ToLowerInvariant()));
}
