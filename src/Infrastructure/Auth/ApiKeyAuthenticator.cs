using System.Security.Cryptography;
using CleanDashboard.Application.Auth;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.Auth;

/// <summary>
/// Looks a key up by its SHA-256 hash and confirms the match in constant time. Results are cached
/// briefly so a busy client does not cost a database read per request; <see cref="Forget"/> drops a revoked key at once.
/// </summary>
public sealed class ApiKeyAuthenticator(IServiceScopeFactory scopes, IMemoryCache cache) : IApiKeyAuthenticator
{
    internal static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    public async ValueTask<AuthenticatedCaller?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecret.Hash(presentedKey);
        var cacheKey = CacheKey(hash);
        if (cache.TryGetValue(cacheKey, out AuthenticatedCaller? cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var match = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.UserId, k.KeyHash, k.User!.Name, k.User.Role, k.NeverCapture })
            .FirstOrDefaultAsync(cancellationToken);

        var caller = match is not null && CryptographicOperations.FixedTimeEquals(match.KeyHash, hash)
            ? new AuthenticatedCaller(match.UserId, match.Id, match.Name, match.Role, match.NeverCapture)
            : null;
        cache.Set(cacheKey, caller, CacheDuration);
        return caller;
    }

    /// <summary>Drops a key from the cache so a revocation takes effect on the next request.</summary>
    public void Forget(byte[] keyHash) => cache.Remove(CacheKey(keyHash));

    private static string CacheKey(byte[] hash) => "apikey:" + Convert.ToHexString(hash);
}
