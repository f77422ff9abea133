namespace CleanDashboard.Application.Health.Common;

/// <summary>One part of the system that reports its own health (database, GeoIP, the log writer…).</summary>
public interface IHealthContributor
{
    string Name { get; }

    Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken);
}
