using CleanDashboard.Application.Gateway;
using CleanDashboard.WebApi.Tracking;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Yarp.ReverseProxy.Forwarder;

namespace CleanDashboard.WebApi.Gateway.Failover;

/// <summary>
/// Forwards a request to its upstream. A balanced target (a model route) is retried with Polly on its next candidate,
/// at once, when the attempt failed (connection error, timeout, 5xx, 429, open circuit) before the answer began —
/// never once a byte reached the client — each upstream at most once, at most Gateway:Failover:MaxAttempts in all.
/// The request log gets the upstream of the last attempt and the failed ones before it.
/// </summary>
public sealed class UpstreamFailover(IHttpForwarder forwarder, UpstreamHttpClient upstreamClient, IOptions<GatewayOptions> options, ILogger<UpstreamFailover> logger)
{
    private static readonly ResiliencePropertyKey<FailoverRequest> RequestKey = new("CleanDashboard.FailoverRequest");

    private readonly ResiliencePipeline<ForwarderError> _retry = BuildRetry(options.Value.Failover.MaxAttempts, logger);

    /// <param name="transformerFor">The transformer that sends the request to an upstream at an address, in its protocol.</param>
    internal async ValueTask<ForwarderError> ForwardAsync(HttpContext context, GatewayTarget target, ForwarderRequestConfig config, UpstreamSilence silence, Func<Upstream, Uri, HttpTransformer> transformerFor)
    {
        if (!target.Balanced)
        {
            return await forwarder.SendAsync(context, target.Address!.AbsoluteUri, upstreamClient.Invoker, config, transformerFor(target.Upstream!, target.Address));
        }

        var request = new FailoverRequest(context, target.Candidates, Math.Min(target.Candidates.Count, options.Value.Failover.MaxAttempts), config, silence, transformerFor);
        var resilience = ResilienceContextPool.Shared.Get(context.RequestAborted);
        resilience.Properties.Set(RequestKey, request);
        try
        {
            return await _retry.ExecuteAsync(static (ctx, self) => self.AttemptAsync(ctx.Properties.GetValue(RequestKey, null!)), resilience, this);
        }

        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
            request.Publish();
        }
    }

    private static ResiliencePipeline<ForwarderError> BuildRetry(int maxAttempts, ILogger logger) => maxAttempts <= 1
        ? ResiliencePipeline<ForwarderError>.Empty
        : new ResiliencePipelineBuilder<ForwarderError>()
            .AddRetry(new RetryStrategyOptions<ForwarderError>
            {
                MaxRetryAttempts = maxAttempts - 1,
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Context.Properties.GetValue(RequestKey, null!).ShouldMoveOn(args.Outcome)),
                OnRetry = args =>
                {
                    var failed = args.Context.Properties.GetValue(RequestKey, null!).Current;
                    logger.LogWarning(
                        "Upstream {Upstream} failed before answering ({Failure}, status {Status}); trying the next upstream of the model route",
                        failed.Candidate.Upstream.Name,
                        failed.CircuitOpen ? "circuit_open" : failed.Failure,
                        failed.StatusCode);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private async ValueTask<ForwarderError> AttemptAsync(FailoverRequest request)
    {
        var attempt = request.Next();
        var context = request.Context;
        if (context.Request.Body.CanSeek)
        {
            context.Request.Body.Position = 0;
        }

        // The forwarder refuses a response whose status is set; the failed attempt's 502 was never sent.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Features.Set<IForwarderErrorFeature>(null);
        request.Silence.TimedOut = false;
        var candidate = attempt.Candidate;
        var transformer = new UpstreamAttemptTransformer(request.TransformerFor(candidate.Upstream, candidate.Address), attempt);
        return await forwarder.SendAsync(context, candidate.Address.AbsoluteUri, upstreamClient.Invoker, request.Config, transformer);
    }

    /// <summary>One balanced request on its way through its candidates.</summary>
    private sealed class FailoverRequest(
        HttpContext context, IReadOnlyList<UpstreamCandidate> candidates, int maxAttempts, ForwarderRequestConfig config, UpstreamSilence silence, Func<Upstream, Uri, HttpTransformer> transformerFor)
    {
        private readonly List<UpstreamAttempt> _attempts = new(maxAttempts);

        public HttpContext Context => context;

        public ForwarderRequestConfig Config => config;

        public UpstreamSilence Silence => silence;

        public Func<Upstream, Uri, HttpTransformer> TransformerFor => transformerFor;

        public UpstreamAttempt Current => _attempts[^1];

        public UpstreamAttempt Next()
        {
            var number = _attempts.Count + 1;
            var attempt = new UpstreamAttempt(number, candidates[number - 1], isLast: number == maxAttempts);
            _attempts.Add(attempt);
            return attempt;
        }

        public bool ShouldMoveOn(Outcome<ForwarderError> outcome) =>
            outcome.Result != ForwarderError.None
            && Current is { Failed: true, IsLast: false }
            && !context.Response.HasStarted
            && !context.RequestAborted.IsCancellationRequested;

        /// <summary>The request log's upstream is the last one that was sent the request (the first candidate when every circuit was open).</summary>
        public void Publish()
        {
            var answered = _attempts.LastOrDefault(a => !a.CircuitOpen) ?? _attempts[0];
            context.Items[RequestTrackingMiddleware.UpstreamItemKey] = answered.Candidate.Upstream.Name;
            context.Items[RequestTrackingMiddleware.ProviderItemKey] = answered.Candidate.Upstream.PricingProvider;
            var failed = _attempts.Where(a => a != answered && a.Failed && !a.CircuitOpen).Select(a => a.ToRecord()).ToList();
            if (failed.Count > 0)
            {
                context.Items[RequestTrackingMiddleware.FailedAttemptsItemKey] = failed;
            }
        }
    }
}
