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

    /// <summary>Why the last run failed; null once a run succeeds (and before the first).</summary>
    public string? LastError { get; private set; }

    /// <summary>When the last run succeeded; null before the first, and always on SQLite.</summary>
    public DateTimeOffset? LastSuccessAt { get; private set; }

    /// <summary>False on SQLite, where there is nothing to keep.</summary>
    public bool Applies { get; private set; } = true;

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
                    Applies = false;
                    return;
                }

                await partitions.EnsureAsync(stoppingToken);
                (LastError, LastSuccessAt) = (null, timeProvider.GetUtcNow());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LastError = ex.Message;
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
