using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CleanDashboard.WebApi.Gateway.Failover;

/// <summary>What counts as an upstream failing, for its circuit breaker and for moving on to the next upstream: the library's transient rule.</summary>
internal static class UpstreamFailures
{
    /// <summary>
    /// Connection errors, 5xx, 408 and 429 (<see cref="HttpClientResiliencePredicates"/>), and a wait past Gateway:UpstreamTimeout:
    /// a cancellation that did not come from the caller.
    /// </summary>
#pragma warning disable CA2016 // The caller's token only tells a timeout from a hang-up; the library's stable overload takes none.
    public static bool IsFailure(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken) =>
        outcome.Exception is OperationCanceledException ? !callerToken.IsCancellationRequested : HttpClientResiliencePredicates.IsTransient(outcome);
#pragma warning restore CA2016

    public static bool IsFailureStatus(HttpResponseMessage response) => HttpClientResiliencePredicates.IsTransient(Outcome.FromResult(response));
}
