using CleanDashboard.Application.RequestLogs.Commands.RepriceRequestLogs;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Application.RequestLogs.Common;

/// <summary>
/// Rewrites the stored cost of the request logs created in [from, to) with what <c>price</c> says for their stored
/// usage, and brings everything summed from those costs (sessions, daily model stats, rollups) back in line, in one transaction.
/// </summary>
public interface IRequestLogRepricer
{
    Task<RepriceResultDto> RepriceAsync(DateTime from, DateTime to, Func<StoredUsage, decimal?> price, CancellationToken cancellationToken);
}

/// <summary>A stored request's time and token counts, as the pricing catalog reads them.</summary>
public sealed record StoredUsage(DateTime CreatedAt, TokenUsage Usage);
