using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Application.Users.Common;

/// <summary>Writes and look-ups of users and their keys.</summary>
public interface IUserStore
{
    Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken);

    Task<User> AddUserAsync(User user, CancellationToken cancellationToken);

    Task<ApiKey> AddApiKeyAsync(ApiKey apiKey, CancellationToken cancellationToken);
}
