using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Threats.Common;

/// <summary>
/// A detector's report of suspicious traffic, on its way to the background writer. The writer adds it to the
/// open incident of the same type and address last seen within <see cref="IncidentWindow"/>, or opens a new one.
/// </summary>
public sealed record ThreatEvent(
    string ThreatType,
    ThreatSeverity Severity,
    string IpAddress,
    string Description,
    DateTime OccurredAt,
    int Occurrences,
    TimeSpan IncidentWindow);
