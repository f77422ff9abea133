using CleanDashboard.Application.Common.Time;
using CleanDashboard.Application.Common.Validation;
using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Domain.Entities;
using FluentValidation;

namespace CleanDashboard.Application.Dashboard.Queries.GetDashboard;

public sealed class GetDashboardQueryValidator : AbstractValidator<GetDashboardQuery>
{
    public GetDashboardQueryValidator()
    {
        RuleFor(q => q.Range)
            .Must(r => string.IsNullOrWhiteSpace(r) || DashboardRanges.All.Contains(r.Trim()))
            .WithMessage($"Range must be one of: {string.Join(", ", DashboardRanges.All)}.");

        When(q => IsCustom(q.Range), () =>
        {
            RuleFor(q => q.Start)
                .NotEmpty().WithMessage("Start is required when range is custom.")
                .Must(BeAnInstant).WithMessage($"Start must be an ISO-8601 date and time with Z or an offset, e.g. 2025-01-01T00:00:00Z, {InstantBounds.Description}.");
            RuleFor(q => q.End)
                .NotEmpty().WithMessage("End is required when range is custom.")
                .Must(BeAnInstant).WithMessage($"End must be an ISO-8601 date and time with Z or an offset, e.g. 2025-01-15T23:59:59Z, {InstantBounds.Description}.");
            RuleFor(q => q)
                .Must(q => Parse(q.Start) < Parse(q.End))
                .When(q => HasInstant(q.Start) && HasInstant(q.End))
                .WithName("end").OverridePropertyName("end")
                .WithMessage("End must be after start.");
            RuleFor(q => q)
                .Must(q => Parse(q.End) - Parse(q.Start) <= DashboardRanges.MaxCustomSpan)
                .When(q => HasInstant(q.Start) && HasInstant(q.End))
                .OverridePropertyName("end")
                .WithMessage($"A custom range spans at most {DashboardRanges.MaxCustomSpan.TotalDays:0} days.");
        });

        RuleFor(q => q.Model)
            .MaximumLength(RequestLog.ModelNameMaxLength).WithMessage($"Model is at most {RequestLog.ModelNameMaxLength} characters.")
            .WithoutControlCharacters();
        RuleFor(q => q.Endpoint)
            .MaximumLength(RequestLog.EndpointMaxLength).WithMessage($"Endpoint is at most {RequestLog.EndpointMaxLength} characters, a route template as stored, e.g. /v1/chat/completions.")
            .WithoutControlCharacters();
        RuleFor(q => q.Source)
            .Must(source => string.IsNullOrEmpty(source) || RequestSources.All.Contains(source))
            .WithMessage($"Source must be one of: {string.Join(", ", RequestSources.All)}.");
        RuleFor(q => q.UserId)
            .Must(BeAnIdOrAbsent).WithMessage("UserId must be a positive integer.");
        RuleFor(q => q.ApiKeyId)
            .Must(BeAnIdOrAbsent).WithMessage("ApiKeyId must be a positive integer.");
        RuleFor(q => q.Tz)
            .Must(tz => string.IsNullOrEmpty(tz) || DashboardTimeZones.Find(tz) is not null)
            .WithMessage("Tz must be an IANA time zone such as Europe/Berlin or Asia/Kolkata.");

        When(q => !IsCustom(q.Range), () =>
        {
            RuleFor(q => q.Start).Empty().WithMessage("Start is only allowed with range=custom.");
            RuleFor(q => q.End).Empty().WithMessage("End is only allowed with range=custom.");
        });
    }

    private static bool BeAnIdOrAbsent(string? text) => string.IsNullOrEmpty(text) || GetDashboardQuery.ParseId(text) is not null;

    private static bool IsCustom(string? range) => range?.Trim() == DashboardRanges.Custom;

    private static bool BeAnInstant(string? text) => string.IsNullOrEmpty(text) || DashboardWindow.TryParseInstant(text, out _);

    private static bool HasInstant(string? text) => DashboardWindow.TryParseInstant(text, out _);

    private static DateTime Parse(string? text) =>
        DashboardWindow.TryParseInstant(text, out var value) ? value : DateTime.MinValue;
}
