using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using FluentValidation;

namespace CleanDashboard.Application.Users.Commands.CreateUser;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(User.NameMaxLength)
            .Matches("^[A-Za-z0-9._@-]+$").WithMessage("Name may contain letters, digits and . _ @ - only.");
        RuleFor(c => c.Role).NotEmpty()
            .Must(r => Enum.TryParse<UserRole>(r, true, out var role) && Enum.IsDefined(role) && !int.TryParse(r, out _))
            .WithMessage("Role must be 'admin' or 'member'.");
    }
}
