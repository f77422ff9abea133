using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.UserSessions.Queries.ListUserSessions;

public sealed record UserSessionDto(
    long Id,
    int UserId,
    string UserName,
    DateTime SessionStart,
    DateTime? SessionEnd,
    DateTime LastActivityAt,
    string IpAddress,
    string UserAgent,
    int TotalRequests,
    decimal TotalCost,
    long TotalTokens)
{
    public static readonly IReadOnlyList<string> Columns = ListValues.ColumnsOf<UserSessionDto>();
}
