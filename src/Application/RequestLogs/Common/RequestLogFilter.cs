using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Common.Validation;
using FluentValidation;

namespace CleanDashboard.Application.RequestLogs.Common;

/// <summary>
/// Request-log filters, parsed: <c>From &lt;= CreatedAt &lt; To</c>, exact model, status, country and user, and
/// <see cref="Unpriced"/>: true keeps only rows with tokens and no cost (no price known), false only the others;
/// <see cref="Text"/>: only rows whose captured (redacted) bodies hold this phrase, by the database's full-text search.
/// </summary>
public sealed record RequestLogFilter(DateTime? From, DateTime? To, string? Model, int? Status, string? Country, int? UserId, bool? Unpriced = null, string? Text = null)
{
    public const int TextMaxLength = 200;

    public static RequestLogFilter Parse(IRequestLogFilterQuery query) => new(
        ListValues.ParseInstant(query.From),
        ListValues.ParseInstant(query.To),
        string.IsNullOrWhiteSpace(query.Model) ? null : query.Model.Trim(),
        ListValues.ParseInt(query.Status),
        string.IsNullOrWhiteSpace(query.Country) ? null : query.Country.Trim().ToUpperInvariant(),
        ListValues.ParseInt(query.UserId),
        ListValues.ParseBool(query.Unpriced),
        string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim());
}

/// <summary>The request-log filters as sent, shared by the list and the CSV export.</summary>
public interface IRequestLogFilterQuery : IListQuery, IDateRangeQuery
{
    string? Model { get; }

    string? Status { get; }

    string? Country { get; }

    string? UserId { get; }

    string? Unpriced { get; }

    /// <summary>A phrase of the captured text.</summary>
    string? Q { get; }
}

/// <summary>The rules of <see cref="IRequestLogFilterQuery"/>, for the list's and the export's validators.</summary>
public abstract class RequestLogFilterValidator<TQuery> : ListQueryValidator<TQuery>
    where TQuery : IRequestLogFilterQuery
{
    protected RequestLogFilterValidator(IReadOnlyList<string> sortColumns)
        : base(sortColumns)
    {
        RuleForDateRange(q => q.From, q => q.To);
        RuleFor(q => q.Model).MaximumLength(Domain.Entities.RequestLog.ModelNameMaxLength).WithoutControlCharacters();
        RuleForOptionalInt(q => q.Status, "status", 100, 599);
        RuleFor(q => q.Country)
            .Matches("^[A-Za-z]{2}$").When(q => !string.IsNullOrWhiteSpace(q.Country))
            .WithMessage("Country must be a two-letter ISO country code.");
        RuleForOptionalInt(q => q.UserId, "userId", 1, int.MaxValue);
        RuleFor(q => q.Unpriced)
            .Must(v => string.IsNullOrWhiteSpace(v) || ListValues.ParseBool(v) is not null)
            .OverridePropertyName("unpriced")
            .WithMessage("Unpriced must be true or false.");
        RuleFor(q => q.Q).MaximumLength(RequestLogFilter.TextMaxLength).WithoutControlCharacters().OverridePropertyName("q");
    }
}
