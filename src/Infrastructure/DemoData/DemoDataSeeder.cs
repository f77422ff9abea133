using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.DemoData;

/// <summary>Demo mode's rule: a database without request logs is filled with generated traffic, so the first look shows a dashboard.</summary>
public sealed class DemoDataSeeder(IServiceScopeFactory scopes, IOptions<DemoModeOptions> options, ILogger<DemoDataSeeder> logger)
{
    public Task<DemoDataResult?> SeedWhenEmptyAsync(CancellationToken cancellationToken) =>
        SeedWhenEmptyAsync(new DemoDataOptions(), cancellationToken);

    /// <summary>Generates <paramref name="data"/> in demo mode on a database without request logs; returns what was written, else null.</summary>
    public async Task<DemoDataResult?> SeedWhenEmptyAsync(DemoDataOptions data, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().RequestLogs.AnyAsync(cancellationToken))
        {
            return null;
        }

        var result = await scope.ServiceProvider.GetRequiredService<DemoDataGenerator>().GenerateAsync(data, null, cancellationToken);
        logger.LogInformation("Demo mode: generated {Requests} request logs over {Days} days", result.RequestLogs, data.Days);
        return result;
    }
}
