using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Infrastructure.GeoIp;

/// <summary>Configuration section <c>GeoIp</c>.</summary>
public sealed class GeoIpOptions
{
    public const string Section = "GeoIp";

    /// <summary>The default database the build places beside the app (from the npm package @ip-location-db/geolite2-country-mmdb).</summary>
    public static readonly string DefaultDatabasePath = Path.Combine(AppContext.BaseDirectory, "GeoIp", "geolite2-country.mmdb");

    /// <summary>
    /// A country database (.mmdb) in MaxMind's own schema (GeoLite2/GeoIP2 Country or City) or ip-location-db's
    /// (<c>country_code</c>); production keeps it fresh with geoipupdate or a newer package.
    /// </summary>
    public string? DatabasePath { get; set; }

    /// <summary>Health turns degraded once the database was built longer ago than this: countries drift as networks move.</summary>
    [Range(1, 36_500)]
    public int MaxAgeDays { get; set; } = 90;
}
