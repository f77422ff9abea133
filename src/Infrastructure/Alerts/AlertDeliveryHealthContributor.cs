using CleanDashboard.Application.Health.Common;
using CleanDashboard.Domain.Entities.Alerts;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Alerts;

/// <summary>Degraded while the latest finished notification of any existing rule could not be delivered.</summary>
public sealed class AlertDeliveryHealthContributor(DashboardDbContext db) : IHealthContributor
{
    public string Name => "alerts";

    public async Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CheckDeliveriesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return new HealthCheckDto(HealthStatus.Degraded, "The alert history cannot be read.");
        }
    }

    private async Task<HealthCheckDto> CheckDeliveriesAsync(CancellationToken cancellationToken)
    {
        var finished = db.AlertEvents.AsNoTracking().Where(e => e.Delivery != AlertDeliveryStatus.Pending);
        var failing = await finished
            .Where(e => e.Delivery == AlertDeliveryStatus.Failed
                && db.AlertRules.Any(r => r.Id == e.RuleId)
                && !finished.Any(later => later.RuleId == e.RuleId && later.Id > e.Id))
            .Select(e => e.RuleId)
            .ToListAsync(cancellationToken);
        return failing.Count == 0
            ? new HealthCheckDto(HealthStatus.Healthy, null)
            : new HealthCheckDto(HealthStatus.Degraded, $"The last notification of alert rule(s) {string.Join(", ", failing.Order())} could not be delivered.");
    }
}
