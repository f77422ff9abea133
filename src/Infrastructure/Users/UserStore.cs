using CleanDashboard.Application.Users.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Users;

public sealed class UserStore(DashboardDbContext db) : IUserStore
{
    /// <summary>Names are unique among the accounts; an app's end users (named after their owner) are not looked up by name.</summary>
    public Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Name == name && u.ParentUserId == null, cancellationToken);

    public async Task<User> AddUserAsync(User user, CancellationToken cancellationToken)
    {
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task<ApiKey> AddApiKeyAsync(ApiKey apiKey, CancellationToken cancellationToken)
    {
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return apiKey;
    }

    public async Task<ApiKey?> RevokeApiKeyAsync(int id, DateTime at, CancellationToken cancellationToken)
    {
        var apiKey = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (apiKey is { RevokedAt: null })
        {
            apiKey.RevokedAt = at;
            await db.SaveChangesAsync(cancellationToken);
        }

        return apiKey;
    }

    public async Task<ApiKey?> SetNeverCaptureAsync(int id, bool neverCapture, CancellationToken cancellationToken)
    {
        var apiKey = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (apiKey is not null && apiKey.NeverCapture != neverCapture)
        {
            apiKey.NeverCapture = neverCapture;
            await db.SaveChangesAsync(cancellationToken);
        }

        return apiKey;
    }
}
