using CleanDashboard.Application.Alerts.Common;
using FluentValidation;
using MediatR;

namespace CleanDashboard.Application.Alerts.Queries.ListAlerts;

/// <summary>The alert history: transitions newest first, with every delivery attempt of each.</summary>
public sealed record ListAlertsQuery(int? RuleId, int? Limit) : IRequest<IReadOnlyList<AlertEventDto>>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
}

public sealed record AlertDeliveryAttemptDto(int Attempt, DateTime At, int? StatusCode, string? Error, bool Succeeded);

public sealed record AlertEventDto(
    long Id,
    int RuleId,
    string RuleName,
    string Metric,
    string State,
    decimal Value,
    decimal Threshold,
    DateTime At,
    string Delivery,
    IReadOnlyList<AlertDeliveryAttemptDto> Attempts);

public sealed class ListAlertsQueryHandler(IAlertRuleStore store) : IRequestHandler<ListAlertsQuery, IReadOnlyList<AlertEventDto>>
{
    public async Task<IReadOnlyList<AlertEventDto>> Handle(ListAlertsQuery request, CancellationToken cancellationToken)
    {
        var events = await store.ListEventsAsync(request.RuleId, request.Limit ?? ListAlertsQuery.DefaultLimit, cancellationToken);
        return events.Select(e => new AlertEventDto(
                e.Id, e.RuleId, e.RuleName, e.Metric, AlertStates.Of(e.State), e.Value, e.Threshold, e.At, AlertStates.Of(e.Delivery),
                e.Attempts.OrderBy(a => a.Attempt).Select(a => new AlertDeliveryAttemptDto(a.Attempt, a.At, a.StatusCode, a.Error, a.Succeeded)).ToList()))
            .ToList();
    }
}

public sealed class ListAlertsQueryValidator : AbstractValidator<ListAlertsQuery>
{
    public ListAlertsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAlertsQuery.MaxLimit);
        RuleFor(q => q.RuleId).GreaterThan(0);
    }
}
