namespace CleanDashboard.Application.Tracking;

/// <summary>
/// One try of a balanced request that did not become the answer: the gateway moved on to the next upstream of the model
/// route. The upstream that answered is the request log's own <c>Upstream</c>.
/// </summary>
/// <param name="Attempt">1 for the first upstream tried.</param>
/// <param name="StatusCode">The upstream's status (5xx, 429) when it answered one; null when it could not be reached or timed out.</param>
/// <param name="Failure">One of <see cref="UpstreamAttemptFailures"/>.</param>
public sealed record FailedUpstreamAttempt(int Attempt, string Upstream, int? StatusCode, string Failure, double LatencyMs);

public static class UpstreamAttemptFailures
{
    public const int MaxLength = 32;

    /// <summary>The upstream answered 5xx or 429 before any byte reached the client.</summary>
    public const string Status = "status";

    /// <summary>Connecting or sending failed (refused, reset, DNS).</summary>
    public const string ConnectionFailed = "connection_failed";

    /// <summary>No answer within Gateway:UpstreamTimeout.</summary>
    public const string Timeout = "timeout";
}
