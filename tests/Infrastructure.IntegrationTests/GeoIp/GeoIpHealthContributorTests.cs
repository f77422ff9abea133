using CleanDashboard.Application.Health.Common;
using CleanDashboard.Infrastructure.GeoIp;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.Infrastructure.IntegrationTests.GeoIp;

/// <summary>
/// Health shows the database's build date and turns degraded once it is older than GeoIp:MaxAgeDays. The MaxMind-schema
/// database beside the tests was built on 2019-12-24 at 17:40:14 UTC, the default one on 2026-06-17 at 19:53:26 UTC.
/// </summary>
public sealed class GeoIpHealthContributorTests
{
    [Fact]
    public async Task CheckAsync_WhenTheDatabaseIsYoungerThanMaxAgeDays_ShouldBeHealthyWithItsBuildDate()
    {
        using var resolver = GeoIpDatabaseSchemaTests.Resolver(GeoIpDatabaseSchemaTests.RequireFile(GeoIpDatabaseSchemaTests.MaxMindSchemaDatabasePath));

        var health = await Contributor(resolver, maxAgeDays: 90, now: new DateTime(2020, 1, 10, 12, 0, 0, DateTimeKind.Utc)).CheckAsync(TestContext.Current.CancellationToken);

        health.Should().Be(new HealthCheckDto(HealthStatus.Healthy, "GeoLite2-Country, built 2019-12-24"));
    }

    [Fact]
    public async Task CheckAsync_WhenTheDatabaseIsOlderThanMaxAgeDays_ShouldBeDegradedNamingItsAgeAndTheSetting()
    {
        using var resolver = GeoIpDatabaseSchemaTests.Resolver(GeoIpDatabaseSchemaTests.RequireFile(GeoIpDatabaseSchemaTests.MaxMindSchemaDatabasePath));

        // 2019-12-24 → 2020-06-01 is 7 + 31 + 29 + 31 + 30 + 31 + 1 = 160 days; at 23:59:59 the build's 17:40:14 of that day has passed.
        var health = await Contributor(resolver, maxAgeDays: 90, now: new DateTime(2020, 6, 1, 23, 59, 59, DateTimeKind.Utc)).CheckAsync(TestContext.Current.CancellationToken);

        health.Should().Be(new HealthCheckDto(
            HealthStatus.Degraded,
            "GeoLite2-Country, built 2019-12-24: 160 days old, older than GeoIp:MaxAgeDays (90); countries may be out of date. Update the database or point GeoIp:DatabasePath at a newer one."));
    }

    [Theory]
    [InlineData(160, HealthStatus.Healthy)]
    [InlineData(159, HealthStatus.Degraded)]
    public async Task CheckAsync_AtTheMaxAgeBoundary_ShouldTurnDegradedOnlyPastIt(int maxAgeDays, string expected)
    {
        using var resolver = GeoIpDatabaseSchemaTests.Resolver(GeoIpDatabaseSchemaTests.RequireFile(GeoIpDatabaseSchemaTests.MaxMindSchemaDatabasePath));

        var health = await Contributor(resolver, maxAgeDays, now: new DateTime(2020, 6, 1, 23, 59, 59, DateTimeKind.Utc)).CheckAsync(TestContext.Current.CancellationToken);

        health.Status.Should().Be(expected);
    }

    [Fact]
    public async Task CheckAsync_WithTheDefaultDatabaseOnItsFirstMonth_ShouldBeHealthyWithTheJuneBuildDate()
    {
        using var resolver = GeoIpDatabaseSchemaTests.Resolver(GeoIpDatabaseSchemaTests.RequireFile(GeoIpOptions.DefaultDatabasePath));

        var health = await Contributor(resolver, maxAgeDays: 90, now: new DateTime(2026, 7, 17, 0, 0, 0, DateTimeKind.Utc)).CheckAsync(TestContext.Current.CancellationToken);

        health.Status.Should().Be(HealthStatus.Healthy);
        health.Detail.Should().EndWith(", built 2026-06-17");
    }

    [Fact]
    public async Task CheckAsync_WhenTheDatabaseIsMissing_ShouldBeDegradedWithTheReason()
    {
        using var resolver = GeoIpDatabaseSchemaTests.Resolver(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing.mmdb"));

        var health = await Contributor(resolver, maxAgeDays: 90, now: new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc)).CheckAsync(TestContext.Current.CancellationToken);

        health.Should().Be(new HealthCheckDto(
            HealthStatus.Degraded,
            "GeoIP database not found at 'missing.mmdb'; set GeoIp:DatabasePath. Countries are left blank."));
    }

    private static GeoIpHealthContributor Contributor(MaxMindGeoIpResolver resolver, int maxAgeDays, DateTime now) =>
        new(resolver, Options.Create(new GeoIpOptions { MaxAgeDays = maxAgeDays }), new FakeTimeProvider(new DateTimeOffset(now)));
}
