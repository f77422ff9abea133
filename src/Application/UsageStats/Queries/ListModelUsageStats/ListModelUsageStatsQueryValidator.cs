using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Common.Validation;
using CleanDashboard.Domain.Entities;
using FluentValidation;

namespace CleanDashboard.Application.UsageStats.Queries.ListModelUsageStats;

public sealed class ListModelUsageStatsQueryValidator : ListQueryValidator<ListModelUsageStatsQuery>
{
    public ListModelUsageStatsQueryValidator()
        : base(ModelUsageStatsDto.Columns)
    {
        RuleForDateRange(q => q.From, q => q.To);
        RuleFor(q => q.Model).MaximumLength(RequestLog.ModelNameMaxLength).WithoutControlCharacters();
    }
}
