using CleanDashboard.Domain.Entities.Alerts;

namespace CleanDashboard.Application.Alerts.Common;

/// <summary>What a channel is told about one transition.</summary>
/// <param name="Subject">The key or user of a budget warning (<c>apiKey:3</c>); null for other metrics.</param>
public sealed record AlertNotification(int RuleId, string RuleName, string Metric, string State, decimal Value, decimal Threshold, DateTime At, string? Subject = null);

public sealed record AlertChannel(string Type, string Url, string? Secret);

/// <summary>Posts a notification to its channel, retrying with back-off; returns every attempt made, the last one decisive.</summary>
public interface IAlertNotifier
{
    Task<IReadOnlyList<AlertDeliveryAttempt>> DeliverAsync(AlertNotification notification, AlertChannel channel, CancellationToken cancellationToken);
}
