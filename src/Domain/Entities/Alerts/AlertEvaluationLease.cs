namespace CleanDashboard.Domain.Entities.Alerts;

/// <summary>The one row that says which instance evaluates alert rules until when (decision 099).</summary>
public class AlertEvaluationLease
{
    public const int SingletonId = 1;
    public const int HolderMaxLength = 64;

    public int Id { get; set; }

    public string Holder { get; set; } = string.Empty;

    public DateTime ExpiresAt { get; set; }
}
