namespace CleanDashboard.Domain.Enums;

/// <summary>How long a spend budget lasts before it starts again, in the configured time zone (<c>Budgets:TimeZone</c>).</summary>
public enum BudgetPeriod
{
    Day = 0,
    Week = 1,
    Month = 2,
}
