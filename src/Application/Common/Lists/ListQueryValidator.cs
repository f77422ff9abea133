using CleanDashboard.Application.Common.Time;
using FluentValidation;

namespace CleanDashboard.Application.Common.Lists;

/// <summary>The checks every admin list shares: page, page size, sort column, direction and, where it has one, the date range.</summary>
public abstract class ListQueryValidator<TQuery> : AbstractValidator<TQuery>
    where TQuery : IListQuery
{
    protected ListQueryValidator(IReadOnlyList<string> sortColumns)
    {
        RuleFor(q => q.Page)
            .Must(p => p is null || ListValues.ParseInt(p) is >= 1)
            .WithMessage("Page must be a whole number of at least 1.");
        RuleFor(q => q.PageSize)
            .Must(p => p is null || ListValues.ParseInt(p) is >= 1 and <= ListPage.MaxPageSize)
            .WithMessage($"PageSize must be a whole number from 1 to {ListPage.MaxPageSize}.");
        RuleFor(q => q.Sort)
            .Must(s => string.IsNullOrWhiteSpace(s) || sortColumns.Contains(s.Trim(), StringComparer.OrdinalIgnoreCase))
            .WithMessage($"Sort must be one of: {string.Join(", ", sortColumns)}.");
        RuleFor(q => q.Desc)
            .Must(d => d is null || ListValues.ParseBool(d) is not null)
            .WithMessage("Desc must be true or false.");
    }

    /// <summary>Adds the <c>from</c>/<c>to</c> rules: each a date or an instant with a zone, and from not after to.</summary>
    protected void RuleForDateRange(Func<TQuery, string?> from, Func<TQuery, string?> to)
    {
        RuleFor(q => from(q))
            .Must(v => string.IsNullOrWhiteSpace(v) || ListValues.ParseInstant(v) is not null)
            .OverridePropertyName("from")
            .WithMessage($"From must be a date (2026-01-31) or an ISO-8601 time with Z or an offset, {InstantBounds.Description}.");
        RuleFor(q => to(q))
            .Must(v => string.IsNullOrWhiteSpace(v) || ListValues.ParseInstant(v) is not null)
            .OverridePropertyName("to")
            .WithMessage($"To must be a date (2026-01-31) or an ISO-8601 time with Z or an offset, {InstantBounds.Description}.");
        RuleFor(q => q)
            .Must(q => ListValues.ParseInstant(from(q)) <= ListValues.ParseInstant(to(q)))
            .When(q => ListValues.ParseInstant(from(q)) is not null && ListValues.ParseInstant(to(q)) is not null)
            .OverridePropertyName("to")
            .WithMessage("To must not be before from.");
    }

    /// <summary>An optional whole-number filter within a range.</summary>
    protected void RuleForOptionalInt(Func<TQuery, string?> value, string name, long min, long max)
    {
        RuleFor(q => value(q))
            .Must(v => string.IsNullOrWhiteSpace(v) || ListValues.ParseLong(v) is { } n && n >= min && n <= max)
            .OverridePropertyName(name)
            .WithMessage($"{char.ToUpperInvariant(name[0])}{name[1..]} must be a whole number from {min} to {max}.");
    }

    /// <summary>An optional true/false filter.</summary>
    protected void RuleForOptionalBool(Func<TQuery, string?> value, string name)
    {
        RuleFor(q => value(q))
            .Must(v => string.IsNullOrWhiteSpace(v) || ListValues.ParseBool(v) is not null)
            .OverridePropertyName(name)
            .WithMessage($"{char.ToUpperInvariant(name[0])}{name[1..]} must be true or false.");
    }
}
