using System.Linq.Expressions;
using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Application.Users.Queries.ListApiKeys;
using CleanDashboard.Application.Users.Queries.ListUsers;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

public sealed class UserReadStore : IUserReadStore
{
    internal static readonly SortMap<ApiKey> ApiKeySorts = new SortMap<ApiKey>()
        .Add("id", k => k.Id)
        .Add("userId", k => k.UserId)
        .Add("userName", k => k.User!.Name)
        .Add("name", k => k.Name)
        .Add("prefix", k => k.Prefix)
        .Add("createdAt", k => k.CreatedAt)
        .Add("lastUsedAt", k => k.LastUsedAt)
        .Add("revokedAt", k => k.RevokedAt)
        .Add("revoked", k => k.RevokedAt != null)
        .Add("neverCapture", k => k.NeverCapture);

    private static readonly Expression<Func<ApiKey, ApiKeyDto>> ToApiKeyDto = k => new ApiKeyDto(
        k.Id, k.UserId, k.User!.Name, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt, k.RevokedAt != null, k.NeverCapture);

    private readonly DashboardDbContext _db;
    private readonly Expression<Func<User, UserListItemDto>> _toUserDto;

    public UserReadStore(DashboardDbContext db)
    {
        _db = db;
        _toUserDto = u => new UserListItemDto(u.Id, u.Name, RoleName(u.Role), u.CreatedAt, db.ApiKeys.Count(k => k.UserId == u.Id && k.RevokedAt == null));
        UserSorts = new SortMap<User>()
            .Add("id", u => u.Id)
            .Add("name", u => u.Name)
            .Add("role", u => u.Role)
            .Add("createdAt", u => u.CreatedAt)
            .Add("activeApiKeys", u => db.ApiKeys.Count(k => k.UserId == u.Id && k.RevokedAt == null));
    }

    internal SortMap<User> UserSorts { get; }

    public Task<PagedList<UserListItemDto>> ListUsersAsync(UserFilter filter, ListPage page, CancellationToken cancellationToken)
    {
        var query = _db.Users.AsNoTracking();
        if (filter.Role is { } role)
        {
            query = query.Where(u => u.Role == role);
        }

        if (filter.NameContains is { } name)
        {
            query = query.Where(u => u.Name.Contains(name));
        }

        return query.ToPageAsync(UserSorts, page, u => u.Id, _toUserDto, cancellationToken);
    }

    public Task<UserListItemDto?> FindUserAsync(int id, CancellationToken cancellationToken) =>
        _db.Users.AsNoTracking().Where(u => u.Id == id).Select(_toUserDto).FirstOrDefaultAsync(cancellationToken);

    public Task<PagedList<ApiKeyDto>> ListApiKeysAsync(ApiKeyFilter filter, ListPage page, CancellationToken cancellationToken)
    {
        var query = _db.ApiKeys.AsNoTracking();
        if (filter.UserId is { } userId)
        {
            query = query.Where(k => k.UserId == userId);
        }

        if (filter.Revoked is { } revoked)
        {
            query = revoked ? query.Where(k => k.RevokedAt != null) : query.Where(k => k.RevokedAt == null);
        }

        return query.ToPageAsync(ApiKeySorts, page, k => k.Id, ToApiKeyDto, cancellationToken);
    }

    public Task<ApiKeyDto?> FindApiKeyAsync(int id, CancellationToken cancellationToken) =>
        _db.ApiKeys.AsNoTracking().Where(k => k.Id == id).Select(ToApiKeyDto).FirstOrDefaultAsync(cancellationToken);

    private static string RoleName(UserRole role) => role.ToString().ToLowerInvariant();
}
