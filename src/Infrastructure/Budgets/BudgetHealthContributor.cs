using CleanDashboard.Application.Budgets;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Infrastructure.Caching;
using StackExchange.Redis;

namespace CleanDashboard.Infrastructure.Budgets;

/// <summary>Where limits are counted, and — with Redis — degraded while Redis cannot be reached, saying what that does to limited requests.</summary>
public sealed class BudgetHealthContributor(BudgetOptions options, RedisConnection? redis = null) : IHealthContributor
{
    public const string InMemory = "limits are counted in this instance's memory (one instance; the database keeps the spend)";
    public const string InRedis = "limits are counted in Redis, shared by every instance";

    public string Name => "budgets";

    public async Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return new HealthCheckDto(HealthStatus.Healthy, InMemory);
        }

        try
        {
            var connection = await redis.GetAsync().WaitAsync(cancellationToken);
            if (connection.IsConnected)
            {
                return new HealthCheckDto(HealthStatus.Healthy, InRedis);
            }
        }
        catch (RedisException)
        {
            // Reported below.
        }

        return new HealthCheckDto(HealthStatus.Degraded, Unreachable(options.FailureMode));
    }

    public static string Unreachable(BudgetFailureMode mode) => mode == BudgetFailureMode.Closed
        ? "Redis cannot be reached; requests of API keys and users with limits are refused with 503 (Budgets:FailureMode closed)."
        : "Redis cannot be reached; requests of API keys and users with limits go through uncounted (Budgets:FailureMode open).";
}
