using CleanDashboard.Application.Common.Validation;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Entities.Alerts;
using FluentValidation;

namespace CleanDashboard.Application.Alerts.Common;

/// <summary>The contract's rules for a rule's body; fields are named as in the JSON (<c>filters.model</c>, <c>channel.url</c>).</summary>
public sealed class AlertRuleInputValidator : AbstractValidator<AlertRuleInput>
{
    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);
    public static readonly TimeSpan MaxFor = TimeSpan.FromDays(1);

    public const string SecretRequired = "A webhook channel needs a secret to sign its body with.";

    /// <summary>Whether a secret is required is the command's: an update without one keeps the stored one.</summary>
    public AlertRuleInputValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(AlertRule.NameMaxLength).OverridePropertyName("name");
        RuleFor(r => r.Name!).ExactText().When(r => r.Name is not null).OverridePropertyName("name");
        RuleFor(r => r.Metric).Must(AlertMetrics.IsKnown).WithMessage(AlertMetrics.Rule).OverridePropertyName("metric");
        RuleFor(r => r.Threshold).NotNull().GreaterThanOrEqualTo(0).OverridePropertyName("threshold");
        RuleFor(r => r.Threshold).LessThanOrEqualTo(1).When(r => r.Metric == AlertMetrics.ErrorRate)
            .WithMessage("Threshold of error_rate is a fraction from 0 to 1.").OverridePropertyName("threshold");
        RuleFor(r => r.Window).NotNull().InclusiveBetween(MinWindow, MaxWindow)
            .WithMessage($"Window must be from {MinWindow:c} to {MaxWindow:c}.").OverridePropertyName("window");
        RuleFor(r => r.For).InclusiveBetween(TimeSpan.Zero, MaxFor).When(r => r.For is not null)
            .WithMessage($"For must be from 00:00:00 to {MaxFor:c}.").OverridePropertyName("for");

        RuleFor(r => r.Filters!.Model).MaximumLength(RequestLog.ModelNameMaxLength).WithoutControlCharacters()
            .When(r => r.Filters is not null).OverridePropertyName("filters.model");
        RuleFor(r => r.Filters!.Endpoint).MaximumLength(RequestLog.EndpointMaxLength).WithoutControlCharacters()
            .When(r => r.Filters is not null).OverridePropertyName("filters.endpoint");
        RuleFor(r => r.Filters!.ApiKeyId).GreaterThan(0).When(r => r.Filters is not null).OverridePropertyName("filters.apiKeyId");
        RuleFor(r => r.Filters!.UserId).GreaterThan(0).When(r => r.Filters is not null).OverridePropertyName("filters.userId");
        RuleFor(r => r.Filters).Must(f => f is null || f.IsEmpty).When(r => r.Metric == AlertMetrics.CriticalThreats)
            .WithMessage("Threats are not requests: critical_threats takes no filters.").OverridePropertyName("filters");

        RuleFor(r => r.Filters).Must(f => f is null || (f.Model is null && f.Endpoint is null && (f.ApiKeyId is null || f.UserId is null)))
            .When(r => r.Metric == AlertMetrics.BudgetPercent)
            .WithMessage("Budgets belong to a key or a user: budget_percent takes apiKeyId or userId (or neither, for every budget), nothing else.")
            .OverridePropertyName("filters");

        RuleFor(r => r.Channel).NotNull().OverridePropertyName("channel");
        RuleFor(r => r.Channel!.Type).Must(AlertChannelTypes.IsKnown).When(r => r.Channel is not null)
            .WithMessage("Channel type must be webhook or slack.").OverridePropertyName("channel.type");
        RuleFor(r => r.Channel!.Url).Must(IsHttpUrl).MaximumLength(AlertRule.UrlMaxLength).When(r => r.Channel is not null)
            .WithMessage("Channel url must be an absolute http or https URL.").OverridePropertyName("channel.url");
        RuleFor(r => r.Channel!.Secret).MaximumLength(AlertRule.SecretMaxLength).WithoutControlCharacters()
            .When(r => r.Channel is not null).OverridePropertyName("channel.secret");
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;
}
