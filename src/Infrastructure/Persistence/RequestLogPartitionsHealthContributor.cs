using CleanDashboard.Application.Health.Common;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL: degraded while the last run of <see cref="RequestLogPartitionService"/> failed — rows of days without a
/// partition then wait in the default one, and retention deletes them row by row — naming the error; healthy otherwise.
/// </summary>
public sealed class RequestLogPartitionsHealthContributor(RequestLogPartitionService service) : IHealthContributor
{
    public string Name => "requestLogPartitions";

    public Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(
        !service.Applies ? new HealthCheckDto(HealthStatus.Healthy, "one table (SQLite)")
        : service.LastError is { } error ? new HealthCheckDto(HealthStatus.Degraded, $"Creating the next days' request-log partitions failed: {error}")
        : new HealthCheckDto(HealthStatus.Healthy, service.LastSuccessAt is { } at ? $"a week ahead, checked {at:yyyy-MM-dd HH:mm:ss} UTC" : "not checked yet"));
}
