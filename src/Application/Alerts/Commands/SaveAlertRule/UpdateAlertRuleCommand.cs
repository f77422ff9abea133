using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Application.Common.Exceptions;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using ValidationException = CleanDashboard.Application.Common.Exceptions.ValidationException;

namespace CleanDashboard.Application.Alerts.Commands.SaveAlertRule;

/// <summary>Replaces a rule's definition; its state stays, but a condition must hold again for the whole <c>for</c> duration.</summary>
public sealed record UpdateAlertRuleCommand(int Id, AlertRuleInput Rule) : IRequest<AlertRuleDto>;

public sealed class UpdateAlertRuleCommandHandler(IAlertRuleStore store, TimeProvider timeProvider) : IRequestHandler<UpdateAlertRuleCommand, AlertRuleDto>
{
    public async Task<AlertRuleDto> Handle(UpdateAlertRuleCommand request, CancellationToken cancellationToken)
    {
        var rule = await store.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Alert rule", request.Id);
        request.Rule.ApplyTo(rule);
        if (rule.ChannelType == AlertChannelTypes.Webhook && rule.ChannelSecret is not { Length: > 0 })
        {
            throw new ValidationException([new ValidationFailure("channel.secret", AlertRuleInputValidator.SecretRequired)]);
        }

        rule.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        await store.SaveAsync(cancellationToken);
        return AlertRuleDto.Of(rule);
    }
}

public sealed class UpdateAlertRuleCommandValidator : AbstractValidator<UpdateAlertRuleCommand>
{
    public UpdateAlertRuleCommandValidator() => RuleFor(c => c.Rule).ValidatedBy(new AlertRuleInputValidator());
}
