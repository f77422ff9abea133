using CleanDashboard.Application.Budgets.Common;
using CleanDashboard.Application.Budgets.Queries.GetLimits;
using CleanDashboard.Application.Common.Exceptions;
using MediatR;

namespace CleanDashboard.Application.Budgets.Commands.SetLimits;

/// <summary>Replaces every limit of a key or user (a null clears that limit); answers as <see cref="GetLimitsQuery"/> does.</summary>
public sealed record SetLimitsCommand(LimitSubject Subject, decimal? BudgetUsd, string? BudgetPeriod, int? RequestsPerMinute, int? TokensPerMinute) : IRequest<LimitsDto>;

public sealed class SetLimitsCommandHandler(ISpendLimitStore store, SpendLimitsRegistry registry, IMediator mediator, TimeProvider timeProvider)
    : IRequestHandler<SetLimitsCommand, LimitsDto>
{
    public async Task<LimitsDto> Handle(SetLimitsCommand request, CancellationToken cancellationToken)
    {
        if (!await store.SubjectExistsAsync(request.Subject, cancellationToken))
        {
            throw new NotFoundException(LimitsSubjects.Describe(request.Subject), request.Subject.Id);
        }

        var limits = new SubjectLimits(request.Subject, request.BudgetUsd, BudgetPeriodNames.Parse(request.BudgetPeriod), request.RequestsPerMinute, request.TokensPerMinute);
        await store.SaveAsync(limits, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        registry.Set(limits);
        return await mediator.Send(new GetLimitsQuery(request.Subject), cancellationToken);
    }
}
