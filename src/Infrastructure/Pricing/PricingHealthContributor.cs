using CleanDashboard.Application.Health.Common;

namespace CleanDashboard.Infrastructure.Pricing;

/// <summary>Health of the price catalog: its version and size, or degraded with the reason it is missing.</summary>
public sealed class PricingHealthContributor(PriceCatalogFile file) : IHealthContributor
{
    public string Name => "pricing";

    public Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(file.Status);
}
