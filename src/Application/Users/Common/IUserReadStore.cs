using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Users.Queries.ListApiKeys;
using CleanDashboard.Application.Users.Queries.ListUsers;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Users.Common;

/// <summary>The admin screens' reads of users and their keys (never a key's hash).</summary>
public interface IUserReadStore
{
    Task<PagedList<UserListItemDto>> ListUsersAsync(UserFilter filter, ListPage page, CancellationToken cancellationToken);

    Task<UserListItemDto?> FindUserAsync(int id, CancellationToken cancellationToken);

    Task<PagedList<ApiKeyDto>> ListApiKeysAsync(ApiKeyFilter filter, ListPage page, CancellationToken cancellationToken);

    Task<ApiKeyDto?> FindApiKeyAsync(int id, CancellationToken cancellationToken);
}

/// <summary>User filters: role, and a part of the name.</summary>
public sealed record UserFilter(UserRole? Role, string? NameContains);

/// <summary>Key filters: owner, and revoked or active.</summary>
public sealed record ApiKeyFilter(int? UserId, bool? Revoked);
