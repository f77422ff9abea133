using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Domain.Entities.Alerts;
using MediatR;

namespace CleanDashboard.Application.Alerts.Queries.ListFiringAlerts;

/// <summary>The rules firing now, longest firing first, for the dashboard's panel.</summary>
public sealed record ListFiringAlertsQuery : IRequest<IReadOnlyList<FiringAlertDto>>;

public sealed record FiringAlertDto(int RuleId, string Name, string Metric, decimal? Value, decimal Threshold, DateTime? Since);

public sealed class ListFiringAlertsQueryHandler(IAlertRuleStore store) : IRequestHandler<ListFiringAlertsQuery, IReadOnlyList<FiringAlertDto>>
{
    public async Task<IReadOnlyList<FiringAlertDto>> Handle(ListFiringAlertsQuery request, CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken))
            .Where(r => r.State == AlertState.Firing)
            .OrderBy(r => r.StateChangedAt).ThenBy(r => r.Id)
            .Select(r => new FiringAlertDto(r.Id, r.Name, r.Metric, r.LastValue, r.Threshold, r.StateChangedAt))
            .ToList();
}
