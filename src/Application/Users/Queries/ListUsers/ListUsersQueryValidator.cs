using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Common.Validation;
using CleanDashboard.Domain.Entities;
using FluentValidation;

namespace CleanDashboard.Application.Users.Queries.ListUsers;

public sealed class ListUsersQueryValidator : ListQueryValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
        : base(UserListItemDto.Columns)
    {
        RuleFor(q => q.Role)
            .Must(r => r!.Trim().ToLowerInvariant() is "admin" or "member").When(q => !string.IsNullOrWhiteSpace(q.Role))
            .WithMessage("Role must be 'admin' or 'member'.");
        RuleFor(q => q.Name).MaximumLength(User.NameMaxLength).WithoutControlCharacters();
    }
}
