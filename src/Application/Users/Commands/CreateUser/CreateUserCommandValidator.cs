using CleanDashboard.Application.Common.Validation;
using CleanDashboard.Application.Users.Common;
using CleanDashboard.Domain.Entities;
using FluentValidation;

namespace CleanDashboard.Application.Users.Commands.CreateUser;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().ExactText().MaximumLength(User.NameMaxLength)
            .Matches(@"\A[A-Za-z0-9._@-]+\z").WithMessage("Name may contain letters, digits and . _ @ - only.");
        RuleFor(c => c.Role).NotEmpty().Must(r => RoleNames.TryParse(r, out _)).WithMessage(RoleNames.Rule);
    }
}
