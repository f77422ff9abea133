using System.Net;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Infrastructure.GeoIp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.IntegrationTests.GeoIp;

[Trait("Database", "Independent")]
public sealed class MaxMindGeoIpResolverTests
{
    private static MaxMindGeoIpResolver Resolver(string? path) =>
        new(Options.Create(new GeoIpOptions { DatabasePath = path }), NullLogger<MaxMindGeoIpResolver>.Instance);

    [Theory]
    [InlineData("8.8.8.8", "US")]
    [InlineData("2001:4860:4860::8888", "US")]
    [InlineData("193.0.6.139", "NL")]
    [InlineData("10.1.2.3", "")]
    [InlineData("192.168.1.10", "")]
    [InlineData("127.0.0.1", "")]
    [InlineData("::1", "")]
    [InlineData("fe80::1", "")]
    public void ResolveCountryCode_WithTheDefaultDatabase_ShouldNamePublicAddressesOnly(string address, string expected)
    {
        if (!File.Exists(GeoIpOptions.DefaultDatabasePath))
        {
            Assert.Skip($"The default GeoLite2 database was not placed by the build at {GeoIpOptions.DefaultDatabasePath} (npm unavailable?).");
        }

        using var resolver = Resolver(null);

        resolver.Status.Status.Should().Be(HealthStatus.Healthy);
        resolver.ResolveCountryCode(IPAddress.Parse(address)).Should().Be(expected);
    }

    [Fact]
    public void Create_WhenDatabaseFileIsMissing_ShouldStartDegradedWithTheReasonAndResolveNothing()
    {
        using var resolver = Resolver(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing.mmdb"));

        resolver.Status.Should().Be(new HealthCheckDto(
            HealthStatus.Degraded,
            "GeoIP database not found at 'missing.mmdb'; set GeoIp:DatabasePath. Countries are left blank."));
        resolver.ResolveCountryCode(IPAddress.Parse("8.8.8.8")).Should().BeEmpty();
    }

    [Fact]
    public void Create_WhenDatabaseFileIsCorrupt_ShouldStartDegradedWithTheReason()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".mmdb");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        try
        {
            using var resolver = Resolver(path);

            resolver.Status.Status.Should().Be(HealthStatus.Degraded);
            resolver.Status.Detail.Should().Be($"GeoIP database '{Path.GetFileName(path)}' cannot be read (InvalidDatabaseException). Countries are left blank.");
            resolver.ResolveCountryCode(IPAddress.Parse("8.8.8.8")).Should().BeEmpty();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
