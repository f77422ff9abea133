using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL: keeps <see cref="RequestLogPartitions"/> a week ahead — once the schema is migrated, then every hour, on
/// every instance (they take turns; the later ones find nothing to do). A run that fails is logged and tried again at
/// the next: rows of a day without a partition wait in the default partition and are moved when it is created.
/// </summary>
public sealed class RequestLogPartitionService(IServiceScopeFactory scopes, DatabaseInitializer database, TimeProvider timeProvider, ILogger<RequestLogPartitionService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var partitions = scope.ServiceProvider.GetRequiredService<RequestLogPartitions>();
                if (!partitions.Apply)
                {
                    return;
                }

                await partitions.EnsureAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Request-log partitions: creating the next days' partitions failed; trying again at the next run");
            }

            try
            {
                await Task.Delay(Interval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
