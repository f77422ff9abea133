using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Application.Common.Exceptions;
using MediatR;

namespace CleanDashboard.Application.Alerts.Queries.GetAlertRule;

public sealed record GetAlertRuleQuery(int Id) : IRequest<AlertRuleDto>;

public sealed class GetAlertRuleQueryHandler(IAlertRuleStore store) : IRequestHandler<GetAlertRuleQuery, AlertRuleDto>
{
    public async Task<AlertRuleDto> Handle(GetAlertRuleQuery request, CancellationToken cancellationToken) =>
        AlertRuleDto.Of(await store.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Alert rule", request.Id));
}
