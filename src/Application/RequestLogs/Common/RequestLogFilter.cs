using System.Globalization;
using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Common.Validation;
using FluentValidation;

namespace CleanDashboard.Application.RequestLogs.Common;

/// <summary>
/// Request-log filters, parsed: <c>From &lt;= CreatedAt &lt; To</c>, exact model, status, country, user, key, endpoint
/// (the route template as stored) and source,
/// <see cref="Text"/>: only rows whose captured (redacted) bodies hold this phrase, by the database's full-text search; <see cref="StatusClass"/> (2 for 2xx: 200–299), latency of at least
/// <see cref="MinLatencyMs"/>, and <see cref="Unpriced"/>: true keeps only rows with tokens and no cost (no price known),
/// false only the others.
/// </summary>
public sealed record RequestLogFilter(
    DateTime? From,
    DateTime? To,
    string? Model,
    int? Status,
    string? Country,
    int? UserId,
    bool? Unpriced = null,
    int? ApiKeyId = null,
    string? Endpoint = null,
    int? StatusClass = null,
    double? MinLatencyMs = null,
    string? Source = null,
    string? Text = null)
{
    public const int TextMaxLength = 200;

    /// <summary>The classes a status filter may name: the logs hold answered requests, never 1xx.</summary>
    public static readonly IReadOnlyList<string> StatusClasses = ["2xx", "3xx", "4xx", "5xx"];

    public static RequestLogFilter Parse(IRequestLogFilterQuery query) => new(
        ListValues.ParseInstant(query.From),
        ListValues.ParseInstant(query.To),
        string.IsNullOrWhiteSpace(query.Model) ? null : query.Model.Trim(),
        ListValues.ParseInt(query.Status),
        string.IsNullOrWhiteSpace(query.Country) ? null : query.Country.Trim().ToUpperInvariant(),
        ListValues.ParseInt(query.UserId),
        ListValues.ParseBool(query.Unpriced),
        ListValues.ParseInt(query.ApiKeyId),
        string.IsNullOrEmpty(query.Endpoint) ? null : query.Endpoint,
        ParseStatusClass(query.StatusClass),
        ParseLatency(query.MinLatencyMs),
        string.IsNullOrWhiteSpace(query.Source) ? null : query.Source,
        string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim());

    /// <summary>"4xx" (any case) → 4; null for anything but <see cref="StatusClasses"/>.</summary>
    public static int? ParseStatusClass(string? text) =>
        text?.Trim().ToLowerInvariant() is { } value && StatusClasses.Contains(value) ? value[0] - '0' : null;

    /// <summary>A finite number of milliseconds from 0 up to a day (no latency is longer); null otherwise.</summary>
    public static double? ParseLatency(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= MaxLatencyMs ? value : null;

    public const double MaxLatencyMs = 86_400_000;
}

/// <summary>The request-log filters as sent, shared by the list and the CSV export.</summary>
public interface IRequestLogFilterQuery : IListQuery, IDateRangeQuery
{
    string? Model { get; }

    string? Status { get; }

    string? Country { get; }

    string? UserId { get; }

    string? Unpriced { get; }

    string? ApiKeyId { get; }

    string? Endpoint { get; }

    string? StatusClass { get; }

    string? MinLatencyMs { get; }

    /// <summary>One of <see cref="Domain.Entities.RequestSources.All"/>.</summary>
    string? Source { get; }

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
        RuleForOptionalInt(q => q.ApiKeyId, "apiKeyId", 1, int.MaxValue);
        RuleFor(q => q.Endpoint).MaximumLength(Domain.Entities.RequestLog.EndpointMaxLength).WithoutControlCharacters().OverridePropertyName("endpoint");
        RuleFor(q => q.StatusClass)
            .Must(v => string.IsNullOrWhiteSpace(v) || RequestLogFilter.ParseStatusClass(v) is not null)
            .OverridePropertyName("statusClass")
            .WithMessage($"StatusClass must be one of: {string.Join(", ", RequestLogFilter.StatusClasses)}.");
        RuleFor(q => q.MinLatencyMs)
            .Must(v => string.IsNullOrWhiteSpace(v) || RequestLogFilter.ParseLatency(v) is not null)
            .OverridePropertyName("minLatencyMs")
            .WithMessage($"MinLatencyMs must be a number of milliseconds from 0 to {RequestLogFilter.MaxLatencyMs:0}.");
        RuleFor(q => q)
            .Must(q => string.IsNullOrWhiteSpace(q.Status))
            .When(q => !string.IsNullOrWhiteSpace(q.StatusClass))
            .OverridePropertyName("statusClass")
            .WithMessage("Give either status or statusClass, not both.");
        RuleFor(q => q.Unpriced)
            .Must(v => string.IsNullOrWhiteSpace(v) || ListValues.ParseBool(v) is not null)
            .OverridePropertyName("unpriced")
            .WithMessage("Unpriced must be true or false.");
        RuleFor(q => q.Source)
            .Must(v => string.IsNullOrWhiteSpace(v) || Domain.Entities.RequestSources.All.Contains(v))
            .OverridePropertyName("source")
            .WithMessage($"Source must be one of: {string.Join(", ", Domain.Entities.RequestSources.All)}.");

        RuleFor(q => q.Q).MaximumLength(RequestLogFilter.TextMaxLength).WithoutControlCharacters().OverridePropertyName("q");
    }
}
