using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Retention;

/// <summary>Runs <see cref="RequestLogRetention"/> once an interval, for as long as the app runs; a purge publishes a new data version.</summary>
public sealed class RequestLogRetentionService(
    IServiceScopeFactory scopes,
    DatabaseInitializer database,
    IDataVersionSource dataVersion,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RequestLogRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await database.Ready.WaitAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await scope.ServiceProvider.GetRequiredService<RequestLogRetention>().PurgeAsync(stoppingToken);
                if (deleted > 0)
                {
                    await dataVersion.PublishAsync(stoppingToken);
                    logger.LogInformation("Retention: deleted {Count} request logs older than {Days} days", deleted, options.Value.RequestLogDays);
                }

                await Task.Delay(options.Value.Interval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Retention: deleting old request logs failed; trying again at the next interval");
                await Task.Delay(options.Value.Interval, timeProvider, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
