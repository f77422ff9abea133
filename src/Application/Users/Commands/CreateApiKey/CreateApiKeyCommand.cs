using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Domain.Entities;
using MediatR;

namespace CleanDashboard.Application.Users.Commands.CreateApiKey;

/// <summary>Creates a key for a user. <see cref="PresetKey"/> is only for the bootstrap admin key taken from configuration.</summary>
public sealed record CreateApiKeyCommand(string UserName, string KeyName, string? PresetKey = null) : IRequest<CreatedApiKeyDto>;

/// <summary>The new key in clear text: shown once, never stored.</summary>
public sealed record CreatedApiKeyDto(int Id, int UserId, string Name, string Prefix, string Key, DateTime CreatedAt);

public sealed class CreateApiKeyCommandHandler(IUserStore users, TimeProvider timeProvider) : IRequestHandler<CreateApiKeyCommand, CreatedApiKeyDto>
{
    public async Task<CreatedApiKeyDto> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindUserByNameAsync(request.UserName, cancellationToken)
            ?? throw new NotFoundException("User", request.UserName);

        var key = request.PresetKey ?? ApiKeySecret.Generate();
        var apiKey = await users.AddApiKeyAsync(
            new ApiKey
            {
                UserId = user.Id,
                Name = request.KeyName,
                Prefix = ApiKeySecret.DisplayPrefix(key),
                KeyHash = ApiKeySecret.Hash(key),
                CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
            },
            cancellationToken);
        return new CreatedApiKeyDto(apiKey.Id, user.Id, apiKey.Name, apiKey.Prefix, key, apiKey.CreatedAt);
    }
}
