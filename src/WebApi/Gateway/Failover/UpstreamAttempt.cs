using System.Diagnostics;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.WebApi.Gateway.Failover;

/// <summary>One try of a balanced request at one upstream, shared by the failover loop and the circuit handler through the request's options.</summary>
internal sealed class UpstreamAttempt(int number, UpstreamCandidate candidate, bool isLast)
{
    public static readonly HttpRequestOptionsKey<UpstreamAttempt> Key = new("CleanDashboard.UpstreamAttempt");

    private readonly long _started = Stopwatch.GetTimestamp();

    public int Number => number;

    public UpstreamCandidate Candidate => candidate;

    /// <summary>A failing answer of the last candidate goes to the client as it is; earlier ones are dropped for the next candidate.</summary>
    public bool IsLast => isLast;

    /// <summary>Null while the upstream answered (or nothing happened yet), else one of <see cref="UpstreamAttemptFailures"/>.</summary>
    public string? Failure { get; private set; }

    public int? StatusCode { get; private set; }

    public double LatencyMs { get; private set; }

    /// <summary>The upstream's circuit was open: nothing was sent to it.</summary>
    public bool CircuitOpen { get; set; }

    public bool Failed => Failure is not null || CircuitOpen;

    public void Fail(string failure, int? statusCode)
    {
        Failure = failure;
        StatusCode = statusCode;
        LatencyMs = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
    }

    public FailedUpstreamAttempt ToRecord() => new(number, candidate.Upstream.Name, StatusCode, Failure!, Math.Round(LatencyMs, 1));
}
