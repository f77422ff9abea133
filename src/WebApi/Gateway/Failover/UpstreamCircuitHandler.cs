using CleanDashboard.Application.Tracking;
using Polly.CircuitBreaker;

namespace CleanDashboard.WebApi.Gateway.Failover;

/// <summary>
/// Sends one attempt of a balanced request through its upstream's circuit breaker and classifies the outcome. A failing
/// answer (5xx, 429) of an attempt that is not the last is dropped and thrown as an error, so the forwarder writes nothing
/// to the client and the failover loop can try the next upstream. Requests without an attempt pass straight through.
/// </summary>
internal sealed class UpstreamCircuitHandler(UpstreamCircuits circuits) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(UpstreamAttempt.Key, out var attempt))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await circuits.PipelineFor(attempt.Candidate.Upstream).ExecuteAsync(
                static (state, token) => new ValueTask<HttpResponseMessage>(state.Handler.SendToUpstreamAsync(state.Request, token)),
                (Handler: this, Request: request),
                cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            attempt.CircuitOpen = true;
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            attempt.Fail(ex is OperationCanceledException ? UpstreamAttemptFailures.Timeout : UpstreamAttemptFailures.ConnectionFailed, null);
            throw;
        }

        if (UpstreamFailures.IsFailureStatus(response))
        {
            attempt.Fail(UpstreamAttemptFailures.Status, (int)response.StatusCode);
            if (!attempt.IsLast)
            {
                response.Dispose();
                throw new HttpRequestException($"The upstream '{attempt.Candidate.Upstream.Name}' answered {(int)response.StatusCode}; trying the next upstream.", null, response.StatusCode);
            }
        }

        return response;
    }

    private Task<HttpResponseMessage> SendToUpstreamAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
}
