namespace CleanDashboard.Domain.Entities.Alerts;

/// <summary>One try at posting a transition's notification to its channel.</summary>
public class AlertDeliveryAttempt
{
    public const int ErrorMaxLength = 200;

    public long Id { get; set; }

    public long AlertEventId { get; set; }

    /// <summary>1 for the first try.</summary>
    public int Attempt { get; set; }

    public DateTime At { get; set; }

    /// <summary>The receiver's status; null when it could not be reached or did not answer in time.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Why the attempt failed, without the URL (it may carry a token); null on success.</summary>
    public string? Error { get; set; }

    public bool Succeeded { get; set; }
}
