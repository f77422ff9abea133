namespace CleanDashboard.Application.Budgets.Queries.GetLimits;

/// <summary>A key's or user's limits (null: none), and for a budget its spend so far and the start of its current period.</summary>
public sealed record LimitsDto(
    decimal? BudgetUsd,
    string? BudgetPeriod,
    int? RequestsPerMinute,
    int? TokensPerMinute,
    decimal? SpentUsd,
    DateTime? PeriodStart);
