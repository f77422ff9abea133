using FluentValidation;

namespace CleanDashboard.Application.Threats.Commands.ResolveThreats;

public sealed class ResolveThreatsCommandValidator : AbstractValidator<ResolveThreatsCommand>
{
    internal const int MaxIds = 1000;

    public ResolveThreatsCommandValidator()
    {
        RuleFor(c => c.Ids).NotNull().WithMessage("Ids is required: a list of threat ids.");
        When(c => c.Ids is not null, () => RuleFor(c => c.Ids)
            .Must(ids => ids!.Count is >= 1 and <= MaxIds).WithMessage($"Ids must hold from 1 to {MaxIds} threat ids.")
            .Must(ids => ids!.All(id => id > 0)).WithMessage("Every id must be a positive number."));
    }
}
