using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities;

/// <summary>
/// The limits of one API key or one user: a spend budget per period and requests and tokens per minute. A null limit
/// is no limit; a row whose limits are all null is removed.
/// </summary>
public class SpendLimit
{
    public int Id { get; set; }

    public LimitSubjectKind SubjectKind { get; set; }

    /// <summary>The API key's or the user's id.</summary>
    public int SubjectId { get; set; }

    public decimal? BudgetUsd { get; set; }

    public BudgetPeriod? BudgetPeriod { get; set; }

    public int? RequestsPerMinute { get; set; }

    public int? TokensPerMinute { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool LimitsNothing => BudgetUsd is null && RequestsPerMinute is null && TokensPerMinute is null;
}
