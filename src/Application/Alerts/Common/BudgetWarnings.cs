using CleanDashboard.Application.Budgets;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Alerts;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Alerts.Common;

/// <summary>
/// A <c>budget_percent</c> rule's warnings: for each budget it watches, the levels of 50/80/95/100 % (from the rule's
/// threshold up) that its spend reached in the current period and that were not sent yet; several reached at once are
/// one warning, at the highest. The rule's state follows the highest spend, without a notification of its own.
/// </summary>
public sealed class BudgetWarnings(IBudgetSpend spend, IAlertRuleStore store)
{
    public async Task<IReadOnlyList<AlertEvent>> EvaluateAsync(AlertRule rule, DateTime now, CancellationToken cancellationToken)
    {
        var budgets = await WatchedAsync(rule, cancellationToken);
        rule.Observe(budgets.Count == 0 ? 0m : Round(budgets.Max(b => b.Percent)), now);
        var warnings = new List<AlertEvent>();
        foreach (var budget in budgets)
        {
            var (kind, id) = (budget.Subject.Kind, budget.Subject.Id);
            var reached = AlertBudgetWarning.Levels.Where(level => level >= rule.Threshold && budget.Percent >= level).ToList();
            if (reached.Count == 0)
            {
                continue;
            }

            var warned = await store.ListWarnedLevelsAsync(rule.Id, kind, id, budget.PeriodStartUtc, cancellationToken);
            var fresh = reached.Except(warned).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            foreach (var level in fresh)
            {
                store.AddBudgetWarning(new AlertBudgetWarning { RuleId = rule.Id, SubjectKind = kind, SubjectId = id, PeriodStart = budget.PeriodStartUtc, Level = level, At = now });
            }

            var warning = AlertEvent.Of(rule, AlertState.Firing, now);
            (warning.Value, warning.Threshold, warning.Subject) = (Round(budget.Percent), fresh.Max(), SubjectName(kind, id));
            warnings.Add(warning);
        }

        return warnings;
    }

    private async Task<IReadOnlyList<BudgetSpend>> WatchedAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        LimitSubject? subject = rule.FilterApiKeyId is { } keyId ? LimitSubject.ApiKey(keyId) : rule.FilterUserId is { } userId ? LimitSubject.User(userId) : null;
        if (subject is null)
        {
            return await spend.ListAsync(cancellationToken);
        }

        return await spend.GetAsync(subject.Value, cancellationToken) is { } one ? [one] : [];
    }

    private static string SubjectName(LimitSubjectKind kind, int id) => $"{(kind == LimitSubjectKind.ApiKey ? "apiKey" : "user")}:{id}";

    private static decimal Round(decimal percent) => decimal.Round(percent, RequestLog.CostDecimals, MidpointRounding.AwayFromZero);
}
