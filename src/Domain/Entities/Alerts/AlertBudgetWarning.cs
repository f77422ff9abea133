using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities.Alerts;

/// <summary>
/// A budget level (50, 80, 95 or 100 %) a key or user reached in one budget period, as a <c>budget_percent</c> rule
/// warned about it: unique per rule, subject, period and level, so each level is sent once per period.
/// </summary>
public class AlertBudgetWarning
{
    public static readonly IReadOnlyList<int> Levels = [50, 80, 95, 100];

    public long Id { get; set; }

    public int RuleId { get; set; }

    public LimitSubjectKind SubjectKind { get; set; }

    public int SubjectId { get; set; }

    public DateTime PeriodStart { get; set; }

    public int Level { get; set; }

    public DateTime At { get; set; }
}
