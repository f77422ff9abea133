using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Domain.Entities.Alerts;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Alerts;

/// <summary>
/// The lease is one row, taken by a single conditional UPDATE (free, expired or already ours): the database
/// serialises the updates, so of two instances racing for an expired lease exactly one sees its row changed.
/// </summary>
public sealed class AlertEvaluationLeaseStore(DashboardDbContext db) : IAlertEvaluationLease
{
    public async Task<bool> TryAcquireAsync(string holder, DateTime now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var expiresAt = now + duration;
        var taken = await db.AlertEvaluationLeases
            .Where(l => l.Id == AlertEvaluationLease.SingletonId && (l.Holder == holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Holder, holder).SetProperty(x => x.ExpiresAt, expiresAt), cancellationToken);
        return taken == 1;
    }
}
