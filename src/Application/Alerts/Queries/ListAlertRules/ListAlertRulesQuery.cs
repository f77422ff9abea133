using CleanDashboard.Application.Alerts.Common;
using MediatR;

namespace CleanDashboard.Application.Alerts.Queries.ListAlertRules;

/// <summary>Every rule, by id (rules are few: an operator writes them by hand).</summary>
public sealed record ListAlertRulesQuery : IRequest<IReadOnlyList<AlertRuleDto>>;

public sealed class ListAlertRulesQueryHandler(IAlertRuleStore store) : IRequestHandler<ListAlertRulesQuery, IReadOnlyList<AlertRuleDto>>
{
    public async Task<IReadOnlyList<AlertRuleDto>> Handle(ListAlertRulesQuery request, CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).Select(AlertRuleDto.Of).ToList();
}
