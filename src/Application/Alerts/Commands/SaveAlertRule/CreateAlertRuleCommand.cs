using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Domain.Entities.Alerts;
using FluentValidation;
using MediatR;

namespace CleanDashboard.Application.Alerts.Commands.SaveAlertRule;

public sealed record CreateAlertRuleCommand(AlertRuleInput Rule) : IRequest<AlertRuleDto>;

public sealed class CreateAlertRuleCommandHandler(IAlertRuleStore store, TimeProvider timeProvider) : IRequestHandler<CreateAlertRuleCommand, AlertRuleDto>
{
    public async Task<AlertRuleDto> Handle(CreateAlertRuleCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var rule = new AlertRule { State = AlertState.Ok, CreatedAt = now, UpdatedAt = now };
        request.Rule.ApplyTo(rule);
        store.Add(rule);
        await store.SaveAsync(cancellationToken);
        return AlertRuleDto.Of(rule);
    }
}

public sealed class CreateAlertRuleCommandValidator : AbstractValidator<CreateAlertRuleCommand>
{
    public CreateAlertRuleCommandValidator()
    {
        RuleFor(c => c.Rule).ValidatedBy(new AlertRuleInputValidator());
        RuleFor(c => c.Rule.Channel!.Secret).NotEmpty().When(c => c.Rule.Channel?.Type == AlertChannelTypes.Webhook)
            .WithMessage(AlertRuleInputValidator.SecretRequired).OverridePropertyName("channel.secret");
    }
}
