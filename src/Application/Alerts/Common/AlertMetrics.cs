namespace CleanDashboard.Application.Alerts.Common;

/// <summary>The metrics a rule can watch, by their contract names; each is a number over the rule's window.</summary>
public static class AlertMetrics
{
    /// <summary>Errors (status 400 or more) divided by requests, a fraction from 0 to 1; 0 with no requests.</summary>
    public const string ErrorRate = "error_rate";
    public const string Requests = "requests";
    public const string P95LatencyMs = "p95_latency_ms";
    public const string P95TtftMs = "p95_ttft_ms";
    public const string CostUsd = "cost_usd";

    /// <summary>Unresolved critical threat incidents first seen in the window; request filters do not apply.</summary>
    public const string CriticalThreats = "critical_threats";

    /// <summary>
    /// Spend of a key's or user's budget in its current period, in %; with no filter, of every key and user with a
    /// budget. Warns once per period at each of 50, 80, 95 and 100 % from the threshold up.
    /// </summary>
    public const string BudgetPercent = "budget_percent";

    public static readonly IReadOnlyList<string> All = [ErrorRate, Requests, P95LatencyMs, P95TtftMs, CostUsd, CriticalThreats, BudgetPercent];

    public static readonly string Rule = $"Metric must be one of: {string.Join(", ", All)}.";

    public static bool IsKnown(string? metric) => metric is not null && All.Contains(metric, StringComparer.Ordinal);
}

/// <summary>Where a rule's notifications go.</summary>
public static class AlertChannelTypes
{
    /// <summary>Generic JSON body, signed with the channel's secret.</summary>
    public const string Webhook = "webhook";

    /// <summary>Slack incoming-webhook body <c>{"text": …}</c>.</summary>
    public const string Slack = "slack";

    public static bool IsKnown(string? type) => type is Webhook or Slack;
}
