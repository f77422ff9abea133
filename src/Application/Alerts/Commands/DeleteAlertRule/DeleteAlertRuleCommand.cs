using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Application.Common.Exceptions;
using MediatR;

namespace CleanDashboard.Application.Alerts.Commands.DeleteAlertRule;

/// <summary>Deletes a rule; its history stays (each transition names the rule it came from).</summary>
public sealed record DeleteAlertRuleCommand(int Id) : IRequest;

public sealed class DeleteAlertRuleCommandHandler(IAlertRuleStore store) : IRequestHandler<DeleteAlertRuleCommand>
{
    public async Task<MediatR.Unit> Handle(DeleteAlertRuleCommand request, CancellationToken cancellationToken)
    {
        var rule = await store.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Alert rule", request.Id);
        store.Remove(rule);
        await store.SaveAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}
