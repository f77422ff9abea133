using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Application.Users.Queries.ListUsers;
using MediatR;

namespace CleanDashboard.Application.Users.Queries.GetUser;

public sealed record GetUserQuery(int Id) : IRequest<UserListItemDto>;

public sealed class GetUserQueryHandler(IUserReadStore readStore) : IRequestHandler<GetUserQuery, UserListItemDto>
{
    public async Task<UserListItemDto> Handle(GetUserQuery request, CancellationToken cancellationToken) =>
        await readStore.FindUserAsync(request.Id, cancellationToken) ?? throw new NotFoundException("User", request.Id);
}
