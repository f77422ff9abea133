using CleanDashboard.Application.Users.Common;
using CleanDashboard.Domain.Entities;
using MediatR;
using ValidationException = CleanDashboard.Application.Common.Exceptions.ValidationException;

namespace CleanDashboard.Application.Users.Commands.CreateUser;

public sealed record CreateUserCommand(string Name, string Role) : IRequest<UserDto>;

public sealed record UserDto(int Id, string Name, string Role, DateTime CreatedAt);

public sealed class CreateUserCommandHandler(IUserStore users, TimeProvider timeProvider) : IRequestHandler<CreateUserCommand, UserDto>
{
    public async Task<UserDto> Handle(CreateUserCommand request, CancellationToken cancellationToken)
    {
        var name = request.Name;
        if (await users.FindUserByNameAsync(name, cancellationToken) is not null)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(request.Name), $"A user named '{name}' already exists.")]);
        }

        var user = await users.AddUserAsync(
            new User { Name = name, Role = RoleNames.Parse(request.Role), CreatedAt = timeProvider.GetUtcNow().UtcDateTime },
            cancellationToken);
        return new UserDto(user.Id, user.Name, RoleNames.Of(user.Role), user.CreatedAt);
    }
}
