using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CleanDashboard.Application.Alerts.Common;

namespace CleanDashboard.Infrastructure.Alerts;

/// <summary>The bodies channels receive: the contract's JSON for webhooks, and <c>{"text": …}</c> for Slack-compatible receivers.</summary>
public static class AlertPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Body(AlertNotification n, string channelType) => channelType == AlertChannelTypes.Slack
        ? JsonSerializer.SerializeToUtf8Bytes(new SlackMessage(SlackText(n)), Json)
        : JsonSerializer.SerializeToUtf8Bytes(
            new WebhookBody(new WebhookRule(n.RuleId, n.RuleName, n.Metric), n.State, Normalize(n.Value), Normalize(n.Threshold), n.At, n.Subject), Json);

    public static string SlackText(AlertNotification n)
    {
        var (value, threshold) = (Normalize(n.Value).ToString(CultureInfo.InvariantCulture), Normalize(n.Threshold).ToString(CultureInfo.InvariantCulture));
        var at = n.At.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        if (n.Subject is { } subject)
        {
            return $"[BUDGET] {n.RuleName}: {subject} has spent {value} % of its budget, past the {threshold} % warning ({at}).";
        }

        return n.State == "firing"
            ? $"[FIRING] {n.RuleName}: {n.Metric} is {value}, above the threshold {threshold} (since {at})."
            : $"[RESOLVED] {n.RuleName}: {n.Metric} is {value}, back at or below the threshold {threshold} ({at}).";
    }

    /// <summary>0.2000000000 read back from a fixed-scale column is written as 0.2.</summary>
    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    private sealed record WebhookRule(int Id, string Name, string Metric);

    private sealed record WebhookBody(
        WebhookRule Rule,
        string State,
        decimal Value,
        decimal Threshold,
        DateTime At,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Subject);

    private sealed record SlackMessage(string Text);
}
