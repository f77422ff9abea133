using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Threats.Common;

/// <summary>
/// A detector's report of suspicious traffic, on its way to the background writer. The writer adds it to the
/// open incident of the same type and address last seen within <see cref="IncidentWindow"/>, or opens a new one.
/// An event raised by a request's body travels with that request (<see cref="Tracking.TrackedRequest.Threats"/>), and the
/// writer fills in <see cref="RequestLogId"/> once the request log has its id.
/// </summary>
/// <param name="MatchedText">The text around the matched phrase, already redacted and cut short; never a secret.</param>
public sealed record ThreatEvent(
    string ThreatType,
    ThreatSeverity Severity,
    string IpAddress,
    string Description,
    DateTime OccurredAt,
    int Occurrences,
    TimeSpan IncidentWindow,
    string? MatchedText = null,
    long? RequestLogId = null);
