using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.Users.Queries.ListUsers;

/// <summary>A user as the admin list shows it; <see cref="Role"/> is admin or member.</summary>
public sealed record UserListItemDto(int Id, string Name, string Role, DateTime CreatedAt, int ActiveApiKeys)
{
    public static readonly IReadOnlyList<string> Columns = ListValues.ColumnsOf<UserListItemDto>();
}
