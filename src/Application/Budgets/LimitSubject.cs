using System.Globalization;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Budgets;

/// <summary>One API key or one user, as limits and spend counters name it.</summary>
public readonly record struct LimitSubject(LimitSubjectKind Kind, int Id)
{
    public static LimitSubject ApiKey(int id) => new(LimitSubjectKind.ApiKey, id);

    public static LimitSubject User(int id) => new(LimitSubjectKind.User, id);

    /// <summary>A short stable name for counter keys: <c>k12</c> for key 12, <c>u3</c> for user 3.</summary>
    public string CounterName => (Kind == LimitSubjectKind.ApiKey ? "k" : "u") + Id.ToString(CultureInfo.InvariantCulture);
}
