using CleanDashboard.Application.Budgets.Common;
using FluentValidation;

namespace CleanDashboard.Application.Budgets.Commands.SetLimits;

public sealed class SetLimitsCommandValidator : AbstractValidator<SetLimitsCommand>
{
    /// <summary>Budgets are counted in units of $10^-10, exactly as request logs store costs.</summary>
    public const int MaxBudgetDecimals = 10;

    /// <summary>Far above any real budget, and within what the Redis counters add exactly (2^53 units).</summary>
    public const decimal MaxBudgetUsd = 100_000m;

    public SetLimitsCommandValidator()
    {
        RuleFor(c => c.BudgetUsd)
            .InclusiveBetween(0m, MaxBudgetUsd).WithMessage($"budgetUsd must be from 0 to {MaxBudgetUsd} (USD), or null for no budget.")
            .Must(HaveAtMostTenDecimals).WithMessage($"budgetUsd may have at most {MaxBudgetDecimals} decimals.")
            .When(c => c.BudgetUsd is not null);
        RuleFor(c => c.BudgetPeriod)
            .Must(p => BudgetPeriodNames.Parse(p) is not null).WithMessage(BudgetPeriodNames.Rule)
            .When(c => c.BudgetPeriod is not null || c.BudgetUsd is not null);
        RuleFor(c => c.BudgetPeriod)
            .Null().WithMessage("budgetPeriod needs a budgetUsd; send null for both to clear the budget.")
            .When(c => c.BudgetUsd is null);
        RuleFor(c => c.RequestsPerMinute)
            .GreaterThan(0).WithMessage("requestsPerMinute must be at least 1, or null for no limit.")
            .When(c => c.RequestsPerMinute is not null);
        RuleFor(c => c.TokensPerMinute)
            .GreaterThan(0).WithMessage("tokensPerMinute must be at least 1, or null for no limit.")
            .When(c => c.TokensPerMinute is not null);
    }

    private static bool HaveAtMostTenDecimals(decimal? value) => value is not { } amount || decimal.Round(amount, MaxBudgetDecimals) == amount;
}
