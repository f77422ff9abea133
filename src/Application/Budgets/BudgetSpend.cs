using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Budgets;

/// <summary>A budget and what has been spent against it in the current period (UTC instants; the period follows <c>Budgets:TimeZone</c>).</summary>
/// <param name="SpentUsd">Settled cost of answered requests since <paramref name="PeriodStartUtc"/>, without reservations of requests still running.</param>
public sealed record BudgetSpend(LimitSubject Subject, decimal BudgetUsd, BudgetPeriod Period, DateTime PeriodStartUtc, DateTime PeriodEndUtc, decimal SpentUsd)
{
    /// <summary>Spend as a percentage of the budget (0 for a budget of 0 with nothing spent, else at least 100 once reached).</summary>
    public decimal Percent => BudgetUsd == 0 ? (SpentUsd > 0 ? 100m : 0m) : SpentUsd / BudgetUsd * 100m;
}
