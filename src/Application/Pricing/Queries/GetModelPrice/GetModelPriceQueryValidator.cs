using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Common.Time;
using CleanDashboard.Application.Common.Validation;
using CleanDashboard.Domain.Entities;
using FluentValidation;

namespace CleanDashboard.Application.Pricing.Queries.GetModelPrice;

public sealed class GetModelPriceQueryValidator : AbstractValidator<GetModelPriceQuery>
{
    public const int ProviderMaxLength = 200;

    public GetModelPriceQueryValidator()
    {
        RuleFor(q => q.Model).NotEmpty().MaximumLength(RequestLog.ModelNameMaxLength).WithoutControlCharacters().OverridePropertyName("model");
        RuleFor(q => q.Provider).MaximumLength(ProviderMaxLength).WithoutControlCharacters().OverridePropertyName("provider");
        RuleFor(q => q.At)
            .Must(v => string.IsNullOrWhiteSpace(v) || ListValues.ParseInstant(v) is not null)
            .OverridePropertyName("at")
            .WithMessage($"At must be a date (2026-01-31) or an ISO-8601 time with Z or an offset, {InstantBounds.Description}.");
    }
}
