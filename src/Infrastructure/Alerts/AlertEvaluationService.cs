using CleanDashboard.Application.Alerts.Commands.EvaluateAlertRules;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Alerts;

/// <summary>
/// Evaluates the alert rules every <see cref="AlertOptions.EvaluationInterval"/> on the app's clock, when this instance
/// holds the evaluation lease. A failed pass (database away) is logged and the next one tries again.
/// </summary>
public sealed partial class AlertEvaluationService(
    IServiceScopeFactory scopes,
    IOptions<AlertOptions> options,
    TimeProvider timeProvider,
    ILogger<AlertEvaluationService> logger) : BackgroundService
{
    /// <summary>This process, as the lease names it.</summary>
    public string InstanceId { get; } = NewInstanceId();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        // One pass per interval after the last one, never a catch-up burst: a PeriodicTimer replays every period a clock
        // jump skipped (a host resumed from sleep, or a test's fake clock moved by months spun here for minutes).
        while (await NextPassAsync(settings.EvaluationInterval, stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new EvaluateAlertRulesCommand(InstanceId, settings.LeaseDuration), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, ex);
            }
        }
    }

    private async Task<bool> NextPassAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(interval, timeProvider, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string NewInstanceId()
    {
        var id = $"{Guid.NewGuid():N}@{Environment.MachineName}";
        return id[..Math.Min(id.Length, Domain.Entities.Alerts.AlertEvaluationLease.HolderMaxLength)];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An alert evaluation pass failed; the next one tries again.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
