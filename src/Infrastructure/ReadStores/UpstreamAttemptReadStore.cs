using CleanDashboard.Application.RequestLogs.Queries.ListUpstreamAttempts;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

public sealed class UpstreamAttemptReadStore(DashboardDbContext db) : IUpstreamAttemptReadStore
{
    public async Task<IReadOnlyList<UpstreamAttemptDto>?> ListAsync(long requestLogId, CancellationToken cancellationToken)
    {
        if (!await db.RequestLogs.AnyAsync(r => r.Id == requestLogId, cancellationToken))
        {
            return null;
        }

        return await db.UpstreamAttemptLogs.AsNoTracking()
            .Where(a => a.RequestLogId == requestLogId)
            .OrderBy(a => a.Attempt)
            .Select(a => new UpstreamAttemptDto(a.Attempt, a.Upstream, a.StatusCode, a.Failure, a.LatencyMs))
            .ToListAsync(cancellationToken);
    }
}
