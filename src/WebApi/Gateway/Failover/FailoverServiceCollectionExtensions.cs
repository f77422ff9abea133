using CleanDashboard.Application.Health.Common;

namespace CleanDashboard.WebApi.Gateway.Failover;

public static class FailoverServiceCollectionExtensions
{
    /// <summary>Circuit breakers, failover and their health check; the clock is the application's unless a test replaces the keyed one.</summary>
    public static IServiceCollection AddGatewayFailover(this IServiceCollection services)
    {
        services.AddKeyedSingleton(UpstreamCircuits.TimeProviderKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddSingleton<UpstreamCircuits>();
        services.AddSingleton<UpstreamFailover>();
        services.AddSingleton<IHealthContributor, UpstreamCircuitsHealthContributor>();
        return services;
    }
}
