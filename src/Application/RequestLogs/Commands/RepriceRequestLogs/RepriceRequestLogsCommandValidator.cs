using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Common.Time;
using FluentValidation;

namespace CleanDashboard.Application.RequestLogs.Commands.RepriceRequestLogs;

public sealed class RepriceRequestLogsCommandValidator : AbstractValidator<RepriceRequestLogsCommand>
{
    public RepriceRequestLogsCommandValidator()
    {
        RuleFor(c => c.From)
            .Must(v => ListValues.ParseInstant(v) is not null)
            .OverridePropertyName("from")
            .WithMessage($"From is required: a date (2026-01-31) or an ISO-8601 time with Z or an offset, {InstantBounds.Description}.");
        RuleFor(c => c.To)
            .Must(v => ListValues.ParseInstant(v) is not null)
            .OverridePropertyName("to")
            .WithMessage($"To is required: a date (2026-01-31) or an ISO-8601 time with Z or an offset, {InstantBounds.Description}.");
        RuleFor(c => c)
            .Must(c => ListValues.ParseInstant(c.From) < ListValues.ParseInstant(c.To))
            .When(c => ListValues.ParseInstant(c.From) is not null && ListValues.ParseInstant(c.To) is not null)
            .OverridePropertyName("to")
            .WithMessage("To must be after from (the range is [from, to)).");
    }
}
