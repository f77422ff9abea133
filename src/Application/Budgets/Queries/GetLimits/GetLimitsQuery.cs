using CleanDashboard.Application.Budgets.Common;
using CleanDashboard.Application.Common.Exceptions;
using MediatR;

namespace CleanDashboard.Application.Budgets.Queries.GetLimits;

public sealed record GetLimitsQuery(LimitSubject Subject) : IRequest<LimitsDto>;

public sealed class GetLimitsQueryHandler(ISpendLimitStore store, IBudgetSpend spend) : IRequestHandler<GetLimitsQuery, LimitsDto>
{
    public async Task<LimitsDto> Handle(GetLimitsQuery request, CancellationToken cancellationToken)
    {
        if (!await store.SubjectExistsAsync(request.Subject, cancellationToken))
        {
            throw new NotFoundException(LimitsSubjects.Describe(request.Subject), request.Subject.Id);
        }

        var row = await store.FindAsync(request.Subject, cancellationToken);
        var budget = row?.BudgetUsd is null ? null : await spend.SpendAsync(BudgetPeriodNames.ToLimits(row), cancellationToken);
        return new LimitsDto(
            row?.BudgetUsd,
            BudgetPeriodNames.Name(row?.BudgetPeriod),
            row?.RequestsPerMinute,
            row?.TokensPerMinute,
            budget?.SpentUsd,
            budget?.PeriodStartUtc);
    }
}
