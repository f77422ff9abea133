using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.Threats.Queries.ListThreats;

/// <summary>One incident; <see cref="Severity"/> is low, medium, high or critical.</summary>
public sealed record ThreatDto(
    long Id,
    string ThreatType,
    string Severity,
    string IpAddress,
    string Description,
    bool Resolved,
    DateTime CreatedAt,
    DateTime LastSeenAt,
    int Occurrences)
{
    public static readonly IReadOnlyList<string> Columns = ListValues.ColumnsOf<ThreatDto>();
}
