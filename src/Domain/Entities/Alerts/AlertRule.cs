namespace CleanDashboard.Domain.Entities.Alerts;

/// <summary>
/// A condition on one metric over a sliding window (<see cref="Value"/> above <see cref="Threshold"/>), where to say
/// so, and the state its evaluations have reached. The state moves only through <see cref="Observe"/>.
/// </summary>
public class AlertRule
{
    public const int NameMaxLength = 100;
    public const int MetricMaxLength = 32;
    public const int UrlMaxLength = 2048;
    public const int SecretMaxLength = 256;
    public const int ChannelTypeMaxLength = 16;

    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>One of <c>AlertMetrics</c>' names, e.g. <c>error_rate</c>.</summary>
    public string Metric { get; set; } = string.Empty;

    public decimal Threshold { get; set; }

    public TimeSpan Window { get; set; }

    /// <summary>How long the condition must hold before the rule fires; zero fires at the first evaluation that sees it.</summary>
    public TimeSpan For { get; set; }

    public string? FilterModel { get; set; }

    public int? FilterApiKeyId { get; set; }

    public int? FilterUserId { get; set; }

    public string? FilterEndpoint { get; set; }

    /// <summary><c>webhook</c> or <c>slack</c>.</summary>
    public string ChannelType { get; set; } = string.Empty;

    public string ChannelUrl { get; set; } = string.Empty;

    /// <summary>The HMAC key of the signature header; kept to sign with, never shown.</summary>
    public string? ChannelSecret { get; set; }

    public AlertState State { get; set; }

    /// <summary>The first evaluation of the current run in which the condition held; null while it does not.</summary>
    public DateTime? ConditionSince { get; set; }

    public DateTime? StateChangedAt { get; set; }

    public decimal? LastValue { get; set; }

    public DateTime? LastEvaluatedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Takes one evaluation's value; returns the state moved to when this evaluation is a transition, else null.</summary>
    public AlertState? Observe(decimal value, DateTime at)
    {
        LastValue = value;
        LastEvaluatedAt = at;
        if (value <= Threshold)
        {
            ConditionSince = null;
            return State == AlertState.Firing ? MoveTo(AlertState.Resolved, at) : null;
        }

        ConditionSince ??= at;
        return State != AlertState.Firing && at - ConditionSince.Value >= For ? MoveTo(AlertState.Firing, at) : null;
    }

    private AlertState MoveTo(AlertState state, DateTime at)
    {
        State = state;
        StateChangedAt = at;
        return state;
    }
}
