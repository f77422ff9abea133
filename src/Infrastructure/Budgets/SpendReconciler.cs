using CleanDashboard.Application.Budgets;
using CleanDashboard.Application.Budgets.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanDashboard.Infrastructure.Budgets;

/// <summary>
/// Keeps this instance's limits and the spend counters true to the database, off the request path: once before the
/// server takes requests (after the migrations), then every <c>Budgets:ReconcileInterval</c> it reloads every limit (so
/// a change made on another instance applies here) and raises each budget's counter to the spend the request logs record.
/// </summary>
public sealed class SpendReconciler(
    IServiceScopeFactory scopes,
    SpendLimitsRegistry registry,
    ISpendCounters counters,
    IRecordedSpend recorded,
    BudgetOptions options,
    TimeZoneInfo zone,
    TimeProvider timeProvider,
    ILogger<SpendReconciler> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReconcileOnceAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public async Task ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var version = registry.Version;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var rows = await scope.ServiceProvider.GetRequiredService<ISpendLimitStore>().ListAsync(cancellationToken);
                registry.ReplaceAll(rows.Select(BudgetPeriodNames.ToLimits), version);
            }

            var now = timeProvider.GetUtcNow().UtcDateTime;
            foreach (var limits in registry.All.Where(l => l.BudgetUsd is not null && l.BudgetPeriod is not null))
            {
                var period = BudgetPeriods.Current(limits.BudgetPeriod!.Value, now, zone);
                var spent = await recorded.SpentAsync(limits.Subject, period, cancellationToken);
                await counters.ReconcileAsync(limits.Subject, period, SpendUnits.FromCost(spent), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Limits and spend could not be reconciled with the database; retrying in {Interval}", options.ReconcileInterval);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wall-clock cadence, not the application's TimeProvider: how often to reconcile is operations, not business time.
        using var timer = new PeriodicTimer(options.ReconcileInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReconcileOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
