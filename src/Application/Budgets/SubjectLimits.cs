using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Budgets;

/// <summary>The limits of one key or user; a null limit is no limit.</summary>
public sealed record SubjectLimits(LimitSubject Subject, decimal? BudgetUsd, BudgetPeriod? BudgetPeriod, int? RequestsPerMinute, int? TokensPerMinute)
{
    public bool LimitsNothing => BudgetUsd is null && RequestsPerMinute is null && TokensPerMinute is null;
}
