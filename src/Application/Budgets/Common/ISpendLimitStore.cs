using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Application.Budgets.Common;

/// <summary>The stored limits of keys and users (admin API and the reconciler; never the request path).</summary>
public interface ISpendLimitStore
{
    Task<IReadOnlyList<SpendLimit>> ListAsync(CancellationToken cancellationToken);

    Task<SpendLimit?> FindAsync(LimitSubject subject, CancellationToken cancellationToken);

    /// <summary>Stores the limits, replacing the subject's earlier ones; limits of nothing remove its row.</summary>
    Task SaveAsync(SubjectLimits limits, DateTime at, CancellationToken cancellationToken);

    /// <summary>Whether the API key or user exists.</summary>
    Task<bool> SubjectExistsAsync(LimitSubject subject, CancellationToken cancellationToken);
}
