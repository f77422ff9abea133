namespace CleanDashboard.Application.Threats.Detection;

/// <summary>The one list of threat types: those of the registered detectors, in registration order. The API, its filter's validation and the UI use it.</summary>
public sealed class ThreatTypeCatalog(IEnumerable<IThreatDetector> detectors)
{
    public IReadOnlyList<string> All { get; } = detectors.Select(d => d.ThreatType).Distinct(StringComparer.Ordinal).ToArray();

    public bool Contains(string threatType) => All.Contains(threatType, StringComparer.Ordinal);
}
