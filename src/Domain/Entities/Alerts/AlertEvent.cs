namespace CleanDashboard.Domain.Entities.Alerts;

/// <summary>
/// One transition of a rule (firing or resolved) and the notification it sent. The rule's name and metric are copied,
/// so the history outlives an edited or deleted rule.
/// </summary>
public class AlertEvent
{
    public const int SubjectMaxLength = 32;

    public long Id { get; set; }

    public int RuleId { get; set; }

    public string RuleName { get; set; } = string.Empty;

    public string Metric { get; set; } = string.Empty;

    public AlertState State { get; set; }

    public decimal Value { get; set; }

    public decimal Threshold { get; set; }

    public DateTime At { get; set; }

    public AlertDeliveryStatus Delivery { get; set; }

    /// <summary>The key or user a budget warning is about (<c>apiKey:3</c>, <c>user:7</c>); null for other metrics.</summary>
    public string? Subject { get; set; }

    public List<AlertDeliveryAttempt> Attempts { get; set; } = [];

    public static AlertEvent Of(AlertRule rule, AlertState state, DateTime at) => new()
    {
        RuleId = rule.Id,
        RuleName = rule.Name,
        Metric = rule.Metric,
        State = state,
        Value = rule.LastValue ?? 0m,
        Threshold = rule.Threshold,
        At = at,
        Delivery = AlertDeliveryStatus.Pending,
    };
}
