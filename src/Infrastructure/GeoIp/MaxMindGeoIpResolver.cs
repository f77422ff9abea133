using System.Net;
using System.Net.Sockets;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Application.Tracking;
using MaxMind.Db;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.GeoIp;

/// <summary>
/// Country lookups with one shared MaxMind DB <see cref="Reader"/> (thread-safe, memory-mapped), in MaxMind's own
/// schema or ip-location-db's (see <see cref="CountryRecord"/>).
/// A missing or unreadable database does not stop the app: countries stay blank and health says why.
/// </summary>
public sealed class MaxMindGeoIpResolver : IGeoIpResolver, IDisposable
{
    private readonly Reader? _reader;

    public MaxMindGeoIpResolver(IOptions<GeoIpOptions> options, ILogger<MaxMindGeoIpResolver> logger)
    {
        var path = string.IsNullOrWhiteSpace(options.Value.DatabasePath) ? GeoIpOptions.DefaultDatabasePath : options.Value.DatabasePath;
        try
        {
            _reader = new Reader(path, FileAccessMode.MemoryMapped);
            Status = new HealthCheckDto(HealthStatus.Healthy, $"{_reader.Metadata.DatabaseType}, built {_reader.Metadata.BuildDate:yyyy-MM-dd}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDatabaseException or ArgumentException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException
                ? $"GeoIP database not found at '{Path.GetFileName(path)}'; set GeoIp:DatabasePath."
                : $"GeoIP database '{Path.GetFileName(path)}' cannot be read ({ex.GetType().Name}).";
            Status = new HealthCheckDto(HealthStatus.Degraded, reason + " Countries are left blank.");
            logger.LogWarning("{Reason} Countries are left blank", reason);
        }
    }

    /// <summary>Whether the database could be opened: healthy with its type and build date, else degraded with the reason.</summary>
    public HealthCheckDto Status { get; }

    /// <summary>When the open database was built (UTC, from its metadata); null when none is open.</summary>
    public DateTime? BuildDate => _reader?.Metadata.BuildDate;

    public string ResolveCountryCode(IPAddress? address)
    {
        if (_reader is null || address is null || !IsPublic(address))
        {
            return string.Empty;
        }

        try
        {
            return _reader.Find<CountryRecord>(address)?.CountryCode ?? string.Empty;
        }
        catch (InvalidDatabaseException)
        {
            return string.Empty;
        }
    }

    public void Dispose() => _reader?.Dispose();

    /// <summary>Private, loopback, link-local and other non-routable addresses have no country.</summary>
    internal static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || b[0] == 0
                || b[0] >= 224);
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
    }
}
