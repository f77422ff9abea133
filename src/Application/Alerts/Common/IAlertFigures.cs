namespace CleanDashboard.Application.Alerts.Common;

/// <summary>Requests, errors and cost of the filtered requests in a window, summed exactly.</summary>
public sealed record AlertRequestFigures(long Requests, long Errors, decimal CostUsd);

/// <summary>
/// The figures alert rules watch, over a window <c>[from, to]</c> and filters, read from the same rollups and read
/// store as the dashboard (never a scan of the whole table). One implementation, so it can be re-pointed in one place.
/// </summary>
public interface IAlertFigures
{
    Task<AlertRequestFigures> GetRequestFiguresAsync(DateTime from, DateTime to, AlertFilters filters, CancellationToken cancellationToken);

    /// <summary>The 95th percentile (nearest rank) of latency in ms; null with no requests.</summary>
    Task<double?> GetP95LatencyMsAsync(DateTime from, DateTime to, AlertFilters filters, CancellationToken cancellationToken);

    /// <summary>The 95th percentile (nearest rank) of time to first token in ms over requests that have one; null with none.</summary>
    Task<double?> GetP95TtftMsAsync(DateTime from, DateTime to, AlertFilters filters, CancellationToken cancellationToken);

    Task<long> CountUnresolvedCriticalThreatsAsync(DateTime from, DateTime to, CancellationToken cancellationToken);
}
