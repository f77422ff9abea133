using CleanDashboard.Application.Health.Common;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.Health;

/// <summary>The database answers a trivial query; the reason of a failure is named without connection details.</summary>
public sealed class DatabaseHealthContributor(DashboardDbContext db) : IHealthContributor
{
    public string Name => "database";

    public async Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT COUNT(*) FROM users", cancellationToken);
            return new HealthCheckDto(HealthStatus.Healthy, null);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return new HealthCheckDto(HealthStatus.Unhealthy, "The database cannot be reached.");
        }
    }
}
