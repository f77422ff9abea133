using CleanDashboard.Application.Health.Common;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// SQLite: degraded while the last pass of <see cref="CaptureSearchIndexer"/> failed — captures are stored, but search
/// does not find the newest — naming the error; healthy otherwise, with how many texts wait and when it last caught up.
/// </summary>
public sealed class CaptureSearchHealthContributor(CaptureSearchIndexer indexer, CaptureSearchTexts texts) : IHealthContributor
{
    public string Name => "captureSearch";

    public Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(
        !indexer.Applies ? new HealthCheckDto(HealthStatus.Healthy, "indexed by the writer (PostgreSQL)")
        : indexer.LastError is { } error ? new HealthCheckDto(HealthStatus.Degraded, $"Indexing captured text failed: {error}; search misses the newest captures")
        : new HealthCheckDto(HealthStatus.Healthy, indexer.CaughtUpAt is { } at
            ? $"caught up at {at:yyyy-MM-dd HH:mm:ss} UTC; {indexer.Indexed:N0} indexed since the start ({indexer.Rebuilt:N0} from stored bodies), {texts.Count:N0} waiting"
            : "not run yet"));
}
