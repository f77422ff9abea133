using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Threats.Queries.ListThreats;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Threats.Common;

/// <summary>The admin screens' reads of incidents, and the bulk resolve action.</summary>
public interface IThreatStore
{
    Task<PagedList<ThreatDto>> ListAsync(ThreatFilter filter, ListPage page, CancellationToken cancellationToken);

    Task<ThreatDto?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Sets the resolved flag of the given incidents; returns how many actually changed.</summary>
    Task<int> SetResolvedAsync(IReadOnlyCollection<long> ids, bool resolved, CancellationToken cancellationToken);
}

/// <summary>Incident filters: <c>From &lt;= CreatedAt &lt; To</c>, severity, resolved, type and address.</summary>
public sealed record ThreatFilter(DateTime? From, DateTime? To, ThreatSeverity? Severity, bool? Resolved, string? ThreatType, string? IpAddress);
