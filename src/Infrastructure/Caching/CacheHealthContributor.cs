using CleanDashboard.Application.Health.Common;
using StackExchange.Redis;

namespace CleanDashboard.Infrastructure.Caching;

/// <summary>
/// The cache's shared Redis level, registered only when <c>Cache:Redis</c> is set: degraded while Redis cannot be reached,
/// when every instance caches in its own memory only. The detail never names the server or its password.
/// </summary>
public sealed class CacheHealthContributor(RedisConnection redis) : IHealthContributor
{
    public const string Unreachable = "Redis cannot be reached; dashboard answers are cached in this instance's memory only.";

    public string Name => "cache";

    public async Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await redis.GetAsync().WaitAsync(cancellationToken);
            return connection.IsConnected
                ? new HealthCheckDto(HealthStatus.Healthy, "in memory and in Redis")
                : new HealthCheckDto(HealthStatus.Degraded, Unreachable);
        }
        catch (RedisException)
        {
            return new HealthCheckDto(HealthStatus.Degraded, Unreachable);
        }
    }
}
