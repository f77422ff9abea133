using CleanDashboard.Application.Health.Queries.GetHealth;

namespace CleanDashboard.Infrastructure.GeoIp;

/// <summary>Health of the GeoIP database: degraded, with the reason, when it could not be opened.</summary>
public sealed class GeoIpHealthContributor(MaxMindGeoIpResolver resolver) : IHealthContributor
{
    public string Name => "geoip";

    public Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(resolver.Status);
}
