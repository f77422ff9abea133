using CleanDashboard.Application.Gateway;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace CleanDashboard.WebApi.Gateway.Failover;

/// <summary>
/// One Polly circuit breaker per upstream of a model route (Gateway:Failover): past FailureRatio of failed calls within
/// SamplingDuration (at least MinimumThroughput calls) the upstream gets nothing for BreakDuration, then one probe.
/// Upstreams outside model routes have none: a single upstream's errors reach its clients as before.
/// </summary>
public sealed class UpstreamCircuits
{
    /// <summary>The clock of the breakers and the model list cache (a fake one in tests).</summary>
    public const string TimeProviderKey = "CleanDashboard.Gateway.Clock";

    private readonly Dictionary<string, Circuit> _circuits;

    public UpstreamCircuits(UpstreamRouter router, IOptions<GatewayOptions> options, [FromKeyedServices(TimeProviderKey)] TimeProvider timeProvider, ILogger<UpstreamCircuits> logger) =>
        _circuits = router.Pools
            .SelectMany(p => p.Members)
            .Select(m => m.Upstream)
            .DistinctBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(u => u.Name, u => Circuit.Create(u.Name, options.Value.Failover, timeProvider, logger), StringComparer.OrdinalIgnoreCase);

    /// <summary>The upstreams with a breaker, in name order, and the state of each.</summary>
    public IReadOnlyList<(string Upstream, CircuitState State)> States =>
        _circuits.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value.State.CircuitState)).ToList();

    internal ResiliencePipeline<HttpResponseMessage> PipelineFor(Upstream upstream) =>
        _circuits.TryGetValue(upstream.Name, out var circuit) ? circuit.Pipeline : ResiliencePipeline<HttpResponseMessage>.Empty;

    private sealed record Circuit(ResiliencePipeline<HttpResponseMessage> Pipeline, CircuitBreakerStateProvider State)
    {
        public static Circuit Create(string upstream, FailoverOptions failover, TimeProvider timeProvider, ILogger logger)
        {
            var state = new CircuitBreakerStateProvider();
            var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = $"upstream-{upstream}", TimeProvider = timeProvider }
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = failover.FailureRatio,
                    MinimumThroughput = failover.MinimumThroughput,
                    SamplingDuration = failover.SamplingDuration,
                    BreakDuration = failover.BreakDuration,
                    StateProvider = state,
                    ShouldHandle = args => ValueTask.FromResult(UpstreamFailures.IsFailure(args.Outcome, args.Context.CancellationToken)),
                    OnOpened = args =>
                    {
                        logger.LogWarning("Circuit of upstream {Upstream} opened for {BreakDuration}: its model routes fail over to their other upstreams", upstream, args.BreakDuration);
                        return ValueTask.CompletedTask;
                    },
                    OnClosed = _ =>
                    {
                        logger.LogInformation("Circuit of upstream {Upstream} closed", upstream);
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
            return new Circuit(pipeline, state);
        }
    }
}
