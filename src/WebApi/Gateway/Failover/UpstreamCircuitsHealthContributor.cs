using CleanDashboard.Application.Health.Common;
using Polly.CircuitBreaker;

namespace CleanDashboard.WebApi.Gateway.Failover;

/// <summary>Health of the model routes' upstreams: degraded while any circuit is open (or half-open, being probed), naming each.</summary>
public sealed class UpstreamCircuitsHealthContributor(UpstreamCircuits circuits) : IHealthContributor
{
    public string Name => "upstreams";

    public Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken)
    {
        var states = circuits.States;
        var broken = states.Where(s => s.State != CircuitState.Closed).Select(s => $"{s.Upstream} ({Describe(s.State)})").ToList();
        return Task.FromResult(broken.Count == 0
            ? new HealthCheckDto(HealthStatus.Healthy, $"{states.Count} upstream circuit(s) closed")
            : new HealthCheckDto(HealthStatus.Degraded, $"circuit not closed: {string.Join(", ", broken)}; requests fail over to the other upstreams of their model route"));
    }

    private static string Describe(CircuitState state) => state switch
    {
        CircuitState.HalfOpen => "half-open",
        CircuitState.Isolated => "isolated",
        _ => "open",
    };
}
