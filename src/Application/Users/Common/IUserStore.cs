using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Application.Users.Common;

/// <summary>Writes and look-ups of users and their keys.</summary>
public interface IUserStore
{
    Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken);

    Task<User> AddUserAsync(User user, CancellationToken cancellationToken);

    Task<ApiKey> AddApiKeyAsync(ApiKey apiKey, CancellationToken cancellationToken);

    /// <summary>Marks the key revoked (once: an earlier revocation time is kept); null when there is no such key.</summary>
    Task<ApiKey?> RevokeApiKeyAsync(int id, DateTime at, CancellationToken cancellationToken);

    /// <summary>Marks a key "never capture" (or clears the mark); null when there is no such key.</summary>
    Task<ApiKey?> SetNeverCaptureAsync(int id, bool neverCapture, CancellationToken cancellationToken);
}
