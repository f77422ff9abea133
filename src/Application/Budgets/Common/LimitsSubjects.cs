using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Budgets.Common;

public static class LimitsSubjects
{
    /// <summary>How a 404 names the subject: "API key" or "User".</summary>
    public static string Describe(LimitSubject subject) => subject.Kind == LimitSubjectKind.ApiKey ? "API key" : "User";
}
