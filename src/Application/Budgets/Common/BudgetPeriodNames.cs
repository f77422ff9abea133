using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Budgets.Common;

/// <summary>Budget periods as the API spells them: exactly "day", "week" or "month".</summary>
public static class BudgetPeriodNames
{
    public const string Rule = "budgetPeriod must be exactly 'day', 'week' or 'month' (lower case).";

    public static BudgetPeriod? Parse(string? text) => text switch
    {
        "day" => BudgetPeriod.Day,
        "week" => BudgetPeriod.Week,
        "month" => BudgetPeriod.Month,
        _ => null,
    };

    public static string? Name(BudgetPeriod? period) => period?.ToString().ToLowerInvariant();

    public static SubjectLimits ToLimits(SpendLimit row) => new(
        new LimitSubject(row.SubjectKind, row.SubjectId), row.BudgetUsd, row.BudgetPeriod, row.RequestsPerMinute, row.TokensPerMinute);
}
