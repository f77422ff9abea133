using CleanDashboard.Application.Common.Validation;
using FluentValidation;

namespace CleanDashboard.Application.Users.Commands.CreateApiKey;

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    /// <summary>Preset keys must be long enough not to be guessed.</summary>
    internal const int MinPresetKeyLength = 24;

    public CreateApiKeyCommandValidator()
    {
        RuleFor(c => c.UserName).NotEmpty().WithoutControlCharacters();
        RuleFor(c => c.KeyName).NotEmpty().MaximumLength(100).WithoutControlCharacters();
        RuleFor(c => c.PresetKey)
            .MinimumLength(MinPresetKeyLength).WithMessage($"A configured key must have at least {MinPresetKeyLength} characters.")
            .Must(k => k!.All(c => c > ' ' && c < 127)).WithMessage("A configured key may contain printable ASCII characters only.")
            .When(c => c.PresetKey is not null);
    }
}
