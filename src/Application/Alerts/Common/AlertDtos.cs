using CleanDashboard.Domain.Entities.Alerts;

namespace CleanDashboard.Application.Alerts.Common;

public sealed record AlertFiltersDto(string? Model, int? ApiKeyId, int? UserId, string? Endpoint);

/// <summary>A channel as shown: whether a secret is set, never the secret.</summary>
public sealed record AlertChannelDto(string Type, string Url, bool HasSecret);

public sealed record AlertRuleDto(
    int Id,
    string Name,
    string Metric,
    decimal Threshold,
    TimeSpan Window,
    TimeSpan For,
    AlertFiltersDto Filters,
    AlertChannelDto Channel,
    string State,
    DateTime? StateChangedAt,
    decimal? LastValue,
    DateTime? LastEvaluatedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static AlertRuleDto Of(AlertRule rule) => new(
        rule.Id,
        rule.Name,
        rule.Metric,
        rule.Threshold,
        rule.Window,
        rule.For,
        new AlertFiltersDto(rule.FilterModel, rule.FilterApiKeyId, rule.FilterUserId, rule.FilterEndpoint),
        new AlertChannelDto(rule.ChannelType, rule.ChannelUrl, rule.ChannelSecret is { Length: > 0 }),
        AlertStates.Of(rule.State),
        rule.StateChangedAt,
        rule.LastValue,
        rule.LastEvaluatedAt,
        rule.CreatedAt,
        rule.UpdatedAt);
}

public static class AlertStates
{
    public static string Of(AlertState state) => state.ToString().ToLowerInvariant();

    public static string Of(AlertDeliveryStatus status) => status.ToString().ToLowerInvariant();
}
