namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>
/// The dashboard's optional filters; each one given narrows every request figure to the requests that match all of them.
/// Threats are never filtered; sessions only by their user (see docs/decisions/075-dashboard-v2-cube-and-latency-sketch.md).
/// </summary>
/// <param name="Source">How the requests reached us (<see cref="Domain.Entities.RequestSources"/>): the gateway or an OTLP export.</param>
public sealed record DashboardFilter(string? Model, int? UserId, int? ApiKeyId, string? Endpoint, string? Source = null)
{
    public static readonly DashboardFilter None = new(null, null, null, null);

    public bool IsEmpty => Model is null && UserId is null && ApiKeyId is null && Endpoint is null && Source is null;

    /// <summary>True when a filter is set that a session, which spans models, endpoints and sources, cannot follow.</summary>
    public bool FiltersBeyondTheUser => Model is not null || Endpoint is not null || Source is not null;
}
