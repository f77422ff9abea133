using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Common.Validation;
using FluentValidation;

namespace CleanDashboard.Application.Users.Commands.CreateApiKey;

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator()
    {
        RuleFor(c => c.UserName).NotEmpty().ExactText();
        RuleFor(c => c.KeyName).NotEmpty().ExactText().MaximumLength(100);
        RuleFor(c => c.PresetKey)
            .Must(k => ConfiguredKeyRule.IsSatisfiedBy(k!)).WithMessage($"A configured key must be {ConfiguredKeyRule.Description}.")
            .When(c => c.PresetKey is not null);
    }
}
