using FluentValidation;

namespace CleanDashboard.Application.Threats.Commands.ResolveThreats;

public sealed class ResolveThreatsCommandValidator : AbstractValidator<ResolveThreatsCommand>
{
    internal const int MaxIds = 1000;

    public ResolveThreatsCommandValidator()
    {
        RuleFor(c => c.Ids)
            .NotNull().WithMessage("Ids is required: a list of threat ids.")
            .Must(ids => ids!.Count is >= 1 and <= MaxIds).When(c => c.Ids is not null)
            .WithMessage($"Ids must hold from 1 to {MaxIds} threat ids.")
            .Must(ids => ids!.All(id => id > 0)).When(c => c.Ids is not null)
            .WithMessage("Every id must be a positive number.");
    }
}
