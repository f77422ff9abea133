namespace CleanDashboard.Application.Budgets;

/// <summary>
/// Spend against budgets for the current period: what the admin API shows and what alerts on <c>budget_percent</c> read.
/// Answers from the spend counters (memory or Redis), which the database's request logs seed and reconcile; never a full scan.
/// </summary>
public interface IBudgetSpend
{
    /// <summary>Every API key and user that has a budget, with its spend so far in the current period.</summary>
    Task<IReadOnlyList<BudgetSpend>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The budget and spend of one key or user; null when it has no budget.</summary>
    Task<BudgetSpend?> GetAsync(LimitSubject subject, CancellationToken cancellationToken);

    /// <summary>The spend against the given limits' budget (which must have one), whether or not this instance has loaded them yet.</summary>
    Task<BudgetSpend> SpendAsync(SubjectLimits limits, CancellationToken cancellationToken);
}
