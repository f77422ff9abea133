using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Alerts;

namespace CleanDashboard.Application.Alerts.Common;

/// <summary>A rule's metric as one number over the window that ends now.</summary>
public sealed class AlertValueReader(IAlertFigures figures)
{
    /// <summary>Rounded to the 10 decimals the history stores, so the notification says what the history shows.</summary>
    public async Task<decimal> ReadAsync(AlertRule rule, DateTime now, CancellationToken cancellationToken) =>
        decimal.Round(await ReadExactAsync(rule, now, cancellationToken), RequestLog.CostDecimals, MidpointRounding.AwayFromZero);

    private async Task<decimal> ReadExactAsync(AlertRule rule, DateTime now, CancellationToken cancellationToken)
    {
        var from = now - rule.Window;
        var filters = new AlertFilters(rule.FilterModel, rule.FilterApiKeyId, rule.FilterUserId, rule.FilterEndpoint);
        switch (rule.Metric)
        {
            case AlertMetrics.ErrorRate:
                var totals = await figures.GetRequestFiguresAsync(from, now, filters, cancellationToken);
                return totals.Requests == 0 ? 0m : totals.Errors / (decimal)totals.Requests;
            case AlertMetrics.Requests:
                return (await figures.GetRequestFiguresAsync(from, now, filters, cancellationToken)).Requests;
            case AlertMetrics.CostUsd:
                return (await figures.GetRequestFiguresAsync(from, now, filters, cancellationToken)).CostUsd;
            case AlertMetrics.P95LatencyMs:
                return (decimal)(await figures.GetP95LatencyMsAsync(from, now, filters, cancellationToken) ?? 0);
            case AlertMetrics.P95TtftMs:
                return (decimal)(await figures.GetP95TtftMsAsync(from, now, filters, cancellationToken) ?? 0);
            case AlertMetrics.CriticalThreats:
                return await figures.CountUnresolvedCriticalThreatsAsync(from, now, cancellationToken);
            default:
                throw new InvalidOperationException($"Alert rule {rule.Id} has an unknown metric.");
        }
    }
}
