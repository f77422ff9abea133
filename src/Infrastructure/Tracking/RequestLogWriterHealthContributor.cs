using CleanDashboard.Application.Health.Queries.GetHealth;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>Reports the log queue: pending, written and dropped entries, and a failing writer as degraded.</summary>
public sealed class RequestLogWriterHealthContributor(RequestLogQueue queue, RequestLogWriter writer) : IHealthContributor
{
    public string Name => "requestLogWriter";

    public Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken)
    {
        var counts = $"pending {queue.Pending} of {queue.Capacity}, written {writer.Written}, dropped {queue.Dropped}";
        var status = writer.LastError is not null || queue.Dropped > 0 ? HealthStatus.Degraded : HealthStatus.Healthy;
        var detail = writer.LastError is { } error ? $"{error} ({counts})" : counts;
        return Task.FromResult(new HealthCheckDto(status, detail));
    }
}
