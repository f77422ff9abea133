using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.Threats.Queries.ListThreats;

/// <summary>
/// One incident; <see cref="Severity"/> is low, medium, high or critical. A prompt injection names the latest request that
/// raised it (<see cref="RequestLogId"/>, for the request-log detail) and the redacted text around the phrase.
/// </summary>
public sealed record ThreatDto(
    long Id,
    string ThreatType,
    string Severity,
    string IpAddress,
    string Description,
    bool Resolved,
    DateTime CreatedAt,
    DateTime LastSeenAt,
    int Occurrences,
    long? RequestLogId,
    string? MatchedText)
{
    public static readonly IReadOnlyList<string> Columns = ListValues.ColumnsOf<ThreatDto>();
}
