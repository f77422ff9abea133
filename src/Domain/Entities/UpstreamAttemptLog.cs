namespace CleanDashboard.Domain.Entities;

/// <summary>
/// One upstream a balanced gateway request tried before the one that answered (which is the request log's
/// <see cref="RequestLog.Upstream"/>): the request is counted once, in its request log; this only says who failed.
/// </summary>
public class UpstreamAttemptLog
{
    public const int FailureMaxLength = 32;

    public long Id { get; set; }

    public long RequestLogId { get; set; }

    public RequestLog? RequestLog { get; set; }

    /// <summary>The request's time, like its request log's.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>1 for the first upstream tried.</summary>
    public int Attempt { get; set; }

    public string Upstream { get; set; } = string.Empty;

    /// <summary>The failing status it answered (5xx, 429); null when it could not be reached or timed out.</summary>
    public int? StatusCode { get; set; }

    /// <summary><c>status</c>, <c>connection_failed</c> or <c>timeout</c>.</summary>
    public string Failure { get; set; } = string.Empty;

    public double LatencyMs { get; set; }
}
