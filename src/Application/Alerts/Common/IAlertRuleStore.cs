using CleanDashboard.Domain.Entities.Alerts;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Alerts.Common;

/// <summary>Alert rules and their history. Rules returned by <see cref="FindAsync"/> and <see cref="ListAsync"/> are tracked: <see cref="SaveAsync"/> writes their changes.</summary>
public interface IAlertRuleStore
{
    Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken);

    Task<AlertRule?> FindAsync(int id, CancellationToken cancellationToken);

    void Add(AlertRule rule);

    void Remove(AlertRule rule);

    void AddEvent(AlertEvent alertEvent);

    Task SaveAsync(CancellationToken cancellationToken);

    /// <summary>The levels a rule already warned a subject about in the period that starts at <paramref name="periodStart"/>.</summary>
    Task<IReadOnlyList<int>> ListWarnedLevelsAsync(int ruleId, LimitSubjectKind kind, int subjectId, DateTime periodStart, CancellationToken cancellationToken);

    void AddBudgetWarning(AlertBudgetWarning warning);

    /// <summary>Transitions newest first, each with its delivery attempts in order.</summary>
    Task<IReadOnlyList<AlertEvent>> ListEventsAsync(int? ruleId, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// Which instance evaluates the rules: a lease that its holder renews and any instance may take once it has expired,
/// so instances sharing one database never evaluate at the same time (decision 099).
/// </summary>
public interface IAlertEvaluationLease
{
    Task<bool> TryAcquireAsync(string holder, DateTime now, TimeSpan duration, CancellationToken cancellationToken);
}
