using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Application.Users.Queries.ListApiKeys;
using MediatR;

namespace CleanDashboard.Application.Users.Queries.GetApiKey;

public sealed record GetApiKeyQuery(int Id) : IRequest<ApiKeyDto>;

public sealed class GetApiKeyQueryHandler(IUserReadStore readStore) : IRequestHandler<GetApiKeyQuery, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(GetApiKeyQuery request, CancellationToken cancellationToken) =>
        await readStore.FindApiKeyAsync(request.Id, cancellationToken) ?? throw new NotFoundException("API key", request.Id);
}
