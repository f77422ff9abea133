using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.UserSessions.Queries.ListUserSessions;

public sealed class ListUserSessionsQueryValidator : ListQueryValidator<ListUserSessionsQuery>
{
    public ListUserSessionsQueryValidator()
        : base(UserSessionDto.Columns)
    {
        RuleForDateRange(q => q.From, q => q.To);
        RuleForOptionalInt(q => q.UserId, "userId", 1, int.MaxValue);
        RuleForOptionalBool(q => q.Active, "active");
    }
}
