using CleanDashboard.Application.Health.Common;
using MediatR;

namespace CleanDashboard.Application.Health.Queries.GetHealth;

public sealed record GetHealthQuery : IRequest<HealthDto>;

/// <summary>Overall status: "healthy", "degraded" (works with reduced function) or "unhealthy" (cannot serve).</summary>
public sealed record HealthDto(string Status, string Version, long UptimeSeconds, IReadOnlyDictionary<string, HealthCheckDto> Checks);

public sealed class GetHealthQueryHandler(IEnumerable<IHealthContributor> contributors, ApplicationInfo info, TimeProvider timeProvider)
    : IRequestHandler<GetHealthQuery, HealthDto>
{
    public async Task<HealthDto> Handle(GetHealthQuery request, CancellationToken cancellationToken)
    {
        var checks = new SortedDictionary<string, HealthCheckDto>(StringComparer.Ordinal);
        foreach (var contributor in contributors)
        {
            checks[contributor.Name] = await contributor.CheckAsync(cancellationToken);
        }

        var status = checks.Values.Any(c => c.Status == HealthStatus.Unhealthy) ? HealthStatus.Unhealthy
            : checks.Values.Any(c => c.Status == HealthStatus.Degraded) ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        var uptime = (long)(timeProvider.GetUtcNow() - info.StartedAt).TotalSeconds;
        return new HealthDto(status, info.Version, uptime, checks);
    }
}
