using System.Globalization;
using CleanDashboard.Application.Health.Common;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.GeoIp;

/// <summary>
/// Health of the GeoIP database: its build date; degraded, with the reason, when it could not be opened or was built
/// more than <see cref="GeoIpOptions.MaxAgeDays"/> days ago.
/// </summary>
public sealed class GeoIpHealthContributor(MaxMindGeoIpResolver resolver, IOptions<GeoIpOptions> options, TimeProvider timeProvider) : IHealthContributor
{
    public string Name => "geoip";

    public Task<HealthCheckDto> CheckAsync(CancellationToken cancellationToken)
    {
        if (resolver.BuildDate is not { } built)
        {
            return Task.FromResult(resolver.Status);
        }

        var maxAgeDays = options.Value.MaxAgeDays;
        var ageDays = (int)(timeProvider.GetUtcNow().UtcDateTime - built).TotalDays;
        return Task.FromResult(ageDays > maxAgeDays
            ? new HealthCheckDto(
                HealthStatus.Degraded,
                string.Create(CultureInfo.InvariantCulture, $"{resolver.Status.Detail}: {ageDays} days old, older than GeoIp:MaxAgeDays ({maxAgeDays}); countries may be out of date. Update the database or point GeoIp:DatabasePath at a newer one."))
            : resolver.Status);
    }
}
