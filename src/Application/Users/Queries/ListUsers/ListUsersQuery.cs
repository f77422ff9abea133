using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Domain.Enums;
using MediatR;

namespace CleanDashboard.Application.Users.Queries.ListUsers;

public sealed record ListUsersQuery(
    string? Role = null,
    string? Name = null,
    string? Page = null,
    string? PageSize = null,
    string? Sort = null,
    string? Desc = null) : IRequest<PagedList<UserListItemDto>>, IListQuery;

public sealed class ListUsersQueryHandler(IUserReadStore readStore) : IRequestHandler<ListUsersQuery, PagedList<UserListItemDto>>
{
    public Task<PagedList<UserListItemDto>> Handle(ListUsersQuery request, CancellationToken cancellationToken) =>
        readStore.ListUsersAsync(
            new UserFilter(
                string.IsNullOrWhiteSpace(request.Role) ? null : Enum.Parse<UserRole>(request.Role.Trim(), true),
                string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim()),
            ListPage.From(request, UserListItemDto.Columns),
            cancellationToken);
}
