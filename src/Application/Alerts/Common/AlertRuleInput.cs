using CleanDashboard.Domain.Entities.Alerts;

namespace CleanDashboard.Application.Alerts.Common;

/// <summary>A rule as a client sends it (the contract's body); null fields are reported by the validator.</summary>
public sealed record AlertRuleInput(
    string? Name,
    string? Metric,
    decimal? Threshold,
    TimeSpan? Window,
    TimeSpan? For,
    AlertFiltersInput? Filters,
    AlertChannelInput? Channel)
{
    /// <summary>Copies the input onto a rule; a channel without a secret keeps the rule's secret, so a screen that never saw it can save.</summary>
    public void ApplyTo(AlertRule rule)
    {
        rule.Name = Name!;
        rule.Metric = Metric!;
        rule.Threshold = Threshold!.Value;
        rule.Window = Window!.Value;
        rule.For = For ?? TimeSpan.Zero;
        rule.FilterModel = Filters?.Model;
        rule.FilterApiKeyId = Filters?.ApiKeyId;
        rule.FilterUserId = Filters?.UserId;
        rule.FilterEndpoint = Filters?.Endpoint;
        rule.ChannelType = Channel!.Type!;
        rule.ChannelUrl = Channel.Url!;
        rule.ChannelSecret = Channel.Secret is { Length: > 0 } secret ? secret : rule.ChannelSecret;
        rule.ConditionSince = null;
    }
}

public sealed record AlertFiltersInput(string? Model, int? ApiKeyId, int? UserId, string? Endpoint)
{
    public bool IsEmpty => Model is null && ApiKeyId is null && UserId is null && Endpoint is null;
}

public sealed record AlertChannelInput(string? Type, string? Url, string? Secret);
