using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Application.Users.Queries.ListApiKeys;
using MediatR;

namespace CleanDashboard.Application.Users.Commands.RevokeApiKey;

/// <summary>Revokes a key; it is rejected from the very next request on. Revoking twice keeps the first time.</summary>
public sealed record RevokeApiKeyCommand(int Id) : IRequest<ApiKeyDto>;

public sealed class RevokeApiKeyCommandHandler(IUserStore users, IUserReadStore readStore, IApiKeyAuthenticator authenticator, TimeProvider timeProvider)
    : IRequestHandler<RevokeApiKeyCommand, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await users.RevokeApiKeyAsync(request.Id, timeProvider.GetUtcNow().UtcDateTime, cancellationToken)
            ?? throw new NotFoundException("API key", request.Id);
        authenticator.Forget(key.KeyHash);
        return await readStore.FindApiKeyAsync(key.Id, cancellationToken) ?? throw new NotFoundException("API key", request.Id);
    }
}
