namespace CleanDashboard.Domain.Enums;

/// <summary>What a set of limits belongs to: one API key, or a user (all of the user's keys together).</summary>
public enum LimitSubjectKind
{
    ApiKey = 0,
    User = 1,
}
