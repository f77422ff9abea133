using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Domain.Entities.Alerts;
using MediatR;

namespace CleanDashboard.Application.Alerts.Commands.EvaluateAlertRules;

/// <summary>
/// One evaluation of every rule by the instance <paramref name="Holder"/>, if it holds the evaluation lease. Transitions
/// are committed before their notifications are sent, so a crash mid-delivery never sends a transition twice.
/// </summary>
public sealed record EvaluateAlertRulesCommand(string Holder, TimeSpan LeaseDuration) : IRequest<AlertEvaluationResult>;

/// <param name="Evaluated">False when another instance holds the lease.</param>
public sealed record AlertEvaluationResult(bool Evaluated, int Transitions);

public sealed class EvaluateAlertRulesCommandHandler(
    IAlertRuleStore store,
    IAlertEvaluationLease lease,
    AlertValueReader values,
    BudgetWarnings budgetWarnings,
    IAlertNotifier notifier,
    TimeProvider timeProvider) : IRequestHandler<EvaluateAlertRulesCommand, AlertEvaluationResult>
{
    public async Task<AlertEvaluationResult> Handle(EvaluateAlertRulesCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (!await lease.TryAcquireAsync(request.Holder, now, request.LeaseDuration, cancellationToken))
        {
            return new AlertEvaluationResult(false, 0);
        }

        var transitions = new List<(AlertRule Rule, AlertEvent Event)>();
        foreach (var rule in await store.ListAsync(cancellationToken))
        {
            if (rule.Metric == AlertMetrics.BudgetPercent)
            {
                foreach (var warning in await budgetWarnings.EvaluateAsync(rule, now, cancellationToken))
                {
                    store.AddEvent(warning);
                    transitions.Add((rule, warning));
                }
            }
            else if (rule.Observe(await values.ReadAsync(rule, now, cancellationToken), now) is { } state)
            {
                var alertEvent = AlertEvent.Of(rule, state, now);
                store.AddEvent(alertEvent);
                transitions.Add((rule, alertEvent));
            }
        }

        await store.SaveAsync(cancellationToken);
        foreach (var (rule, alertEvent) in transitions)
        {
            var attempts = await notifier.DeliverAsync(Notification(alertEvent), new AlertChannel(rule.ChannelType, rule.ChannelUrl, rule.ChannelSecret), cancellationToken);
            alertEvent.Attempts.AddRange(attempts);
            alertEvent.Delivery = attempts.Count > 0 && attempts[^1].Succeeded ? AlertDeliveryStatus.Delivered : AlertDeliveryStatus.Failed;
            await store.SaveAsync(cancellationToken);
        }

        return new AlertEvaluationResult(true, transitions.Count);
    }

    private static AlertNotification Notification(AlertEvent e) =>
        new(e.RuleId, e.RuleName, e.Metric, AlertStates.Of(e.State), e.Value, e.Threshold, e.At, e.Subject);
}
