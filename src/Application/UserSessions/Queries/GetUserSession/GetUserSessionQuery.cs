using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.UserSessions.Common;
using CleanDashboard.Application.UserSessions.Queries.ListUserSessions;
using MediatR;

namespace CleanDashboard.Application.UserSessions.Queries.GetUserSession;

public sealed record GetUserSessionQuery(long Id) : IRequest<UserSessionDto>;

public sealed class GetUserSessionQueryHandler(IUserSessionReadStore readStore) : IRequestHandler<GetUserSessionQuery, UserSessionDto>
{
    public async Task<UserSessionDto> Handle(GetUserSessionQuery request, CancellationToken cancellationToken) =>
        await readStore.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("User session", request.Id);
}
