using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CleanDashboard.Domain.Entities;
using CleanDashboard.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace CleanDashboard.WebApi.IntegrationTests.Endpoints;

public sealed class HealthEndpointsTests
{
    public sealed class WhenTheDatabaseIsUp(DashboardApiFactory factory) : IClassFixture<DashboardApiFactory>
    {
        [Theory]
        [InlineData("/api/dashboard/health")]
        [InlineData("/api/dashboard/health/")]
        public async Task GetHealth_WhenNoKeyIsSent_ShouldAnswer200Healthy(string path)
        {
            var response = await factory.ClientWithKey(null).GetAsync(path, TestContext.Current.CancellationToken);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            body.GetProperty("status").GetString().Should().Be("healthy");
            body.GetProperty("version").GetString().Should().MatchRegex(@"^\d+\.\d+\.\d+");
            body.GetProperty("uptimeSeconds").ValueKind.Should().Be(JsonValueKind.Number);
            body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("healthy");
            body.GetProperty("checks").EnumerateObject().Should().OnlyContain(c => c.Value.GetProperty("status").GetString() == "healthy");
        }

        [Fact]
        public async Task GetHealth_WhenTimePasses_ShouldReportWholeSecondsSinceStart()
        {
            var client = factory.ClientWithKey(null);
            var before = (await client.GetFromJsonAsync<JsonElement>("/api/dashboard/health", TestContext.Current.CancellationToken)).GetProperty("uptimeSeconds").GetInt64();

            factory.Time.Advance(TimeSpan.FromSeconds(90.7));
            var after = (await client.GetFromJsonAsync<JsonElement>("/api/dashboard/health", TestContext.Current.CancellationToken)).GetProperty("uptimeSeconds").GetInt64();

            after.Should().Be(before + 90);
        }

        [Fact]
        public async Task GetHealth_WhenTheKeyIsUnknown_ShouldStillAnswer200()
        {
            var response = await factory.ClientWithKey("not-a-key").GetAsync("/api/dashboard/health", TestContext.Current.CancellationToken);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    public sealed class WhenTimePassesBeforeTheFirstCheck(DashboardApiFactory factory) : IClassFixture<DashboardApiFactory>
    {
        [Fact]
        public async Task GetHealth_WhenTheAppHasRunForTwoMinutesBeforeTheFirstCheck_ShouldReportThoseTwoMinutes()
        {
            factory.Time.Advance(TimeSpan.FromSeconds(120));

            var body = await factory.ClientWithKey(null).GetFromJsonAsync<JsonElement>("/api/dashboard/health", TestContext.Current.CancellationToken);

            body.GetProperty("uptimeSeconds").GetInt64().Should().Be(120, "uptime counts from the start of the application, not from the first health check");
        }
    }

    public sealed class WhenTheGeoIpDatabaseIsOld(DashboardApiFactory factory) : IClassFixture<DashboardApiFactory>
    {
        [Fact]
        public async Task GetHealth_WhenTheShippedGeoIpDatabaseIsOlderThan90Days_ShouldAnswer200DegradedWithItsDateAndAge()
        {
            // The shipped database was built on 2026-06-17 at 19:53:26 UTC; 2027-01-01 at 20:00 is 13 + 31 + 31 + 30 + 31 + 30 + 31 + 1 = 198 days later.
            factory.Time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 20, 0, 0, TimeSpan.Zero));

            var response = await factory.ClientWithKey(null).GetAsync("/api/dashboard/health/", TestContext.Current.CancellationToken);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            body.GetProperty("status").GetString().Should().Be("degraded");
            var geoIp = body.GetProperty("checks").GetProperty("geoip");
            geoIp.GetProperty("status").GetString().Should().Be("degraded");
            geoIp.GetProperty("detail").GetString().Should().Be(
                "country ipvAll, built 2026-06-17: 198 days old, older than GeoIp:MaxAgeDays (90); countries may be out of date. Update the database or point GeoIp:DatabasePath at a newer one.");
        }
    }

    public sealed class WhenTheDatabaseIsGone(DashboardApiFactory factory) : IClassFixture<DashboardApiFactory>, IAsyncLifetime
    {
        public async ValueTask InitializeAsync()
        {
            if (factory.Target.IsPostgres)
            {
                // The database is dropped under the running app, its connections closed by the server.
                await factory.Target.DropAsync();
                return;
            }

            // The file and its folder disappear under the running app (a lost volume); pooled connections go with them.
            using (var connection = new SqliteConnection(factory.ConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            if (Directory.Exists(factory.DataDirectory))
            {
                Directory.Delete(factory.DataDirectory, recursive: true);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        [Theory]
        [InlineData("/api/dashboard/health")]
        [InlineData("/api/dashboard/health/")]
        public async Task GetHealth_WhenTheDatabaseCannotBeOpened_ShouldAnswer503Unhealthy(string path)
        {
            var response = await factory.ClientWithKey(null).GetAsync(path, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            var body = JsonDocument.Parse(text).RootElement;
            body.GetProperty("status").GetString().Should().Be("unhealthy");
            body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("unhealthy");
            text.Should().NotContain(factory.DataDirectory).And.NotContain("dashboard.db").And.NotContainEquivalentOf("Data Source");
            text.Should().NotContainEquivalentOf("Host=").And.NotContainEquivalentOf("cd_test_").And.NotContainEquivalentOf("Password");
        }
    }

    public sealed class WhenRedisCannotBeReached(UnreachableRedisFactory factory) : IClassFixture<UnreachableRedisFactory>
    {
        [Fact]
        public async Task GetHealth_WhenCacheRedisCannotBeReached_ShouldAnswer200WithTheCacheDegradedAndNoConnectionDetails()
        {
            var response = await factory.ClientWithKey(null).GetAsync("/api/dashboard/health/", TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = JsonDocument.Parse(text).RootElement;
            body.GetProperty("status").GetString().Should().Be("degraded");
            var cache = body.GetProperty("checks").GetProperty("cache");
            cache.GetProperty("status").GetString().Should().Be("degraded");
            cache.GetProperty("detail").GetString().Should().Be("Redis cannot be reached; dashboard answers are cached in this instance's memory only.");
            body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("healthy");
            text.Should().NotContain(UnreachableRedisFactory.Password).And.NotContainEquivalentOf("password")
                .And.NotContain(factory.RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.NotContain("127.0.0.1");
        }

        [Fact]
        public async Task GetDashboard_WhenCacheRedisCannotBeReached_ShouldAnswer200WithTheNumbersEveryTime()
        {
            var client = factory.ClientWithKey(DashboardApiFactory.AdminKey);

            // The first answer is computed, the second comes from this instance's memory.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var response = await client.GetAsync("/api/dashboard/?range=24h", TestContext.Current.CancellationToken);

                response.StatusCode.Should().Be(HttpStatusCode.OK);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
                var summary = body.GetProperty("summary");
                summary.GetProperty("totalRequests").GetInt64().Should().Be(3);
                summary.GetProperty("successfulRequests").GetInt64().Should().Be(2);
                summary.GetProperty("totalTokens").GetInt64().Should().Be(200);
                summary.GetProperty("totalCost").GetDecimal().Should().Be(0.2650m);
                body.GetProperty("topModels").EnumerateArray()
                    .Select(m => (m.GetProperty("name").GetString(), m.GetProperty("requests").GetInt64()))
                    .Should().Equal(("gpt-4o", 2L), ("llama3.2", 1L));
            }
        }
    }
}

/// <summary>
/// The API with <c>Cache:Redis</c> pointing at a loopback port nobody listens on, with a password, and three requests
/// inside range=24h of <see cref="DashboardApiFactory.Now"/> (2024-03-01T10:37:12Z):
/// <code>
///  created (UTC)     status  model     tokens  cost
///  03-01 09:15:00    200     llama3.2  150     0.0150
///  03-01 09:45:00    500     gpt-4o    -       -
///  03-01 10:05:00    200     gpt-4o    50      0.2500
/// </code>
/// </summary>
public sealed class UnreachableRedisFactory : DashboardApiFactory
{
    public const string Password = "redis-secret-5f1c9a";

    public int RedisPort { get; } = UnusedPort();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (!TestDatabaseTarget.ServerAvailable)
        {
            return;
        }

        await SeedAsync(db => db.RequestLogs.AddRange(
            Log(At(9, 15), 200, "llama3.2", 150, 0.0150m),
            Log(At(9, 45), 500, "gpt-4o", null, null),
            Log(At(10, 5), 200, "gpt-4o", 50, 0.2500m)));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Cache:Redis", $"127.0.0.1:{RedisPort},password={Password}");
    }

    private static DateTime At(int hour, int minute) => new(2024, 3, 1, hour, minute, 0, DateTimeKind.Utc);

    private static RequestLog Log(DateTime at, int status, string model, int? tokens, decimal? cost) =>
        RequestLogBuilder.ChatAt(at).Status(status).Latency(100).Model(model).Tokens(tokens, tokens is null ? null : 0).Cost(cost).Country("US").Build();

    /// <summary>A loopback port with nothing listening on it: connecting is refused at once.</summary>
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
