using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
}
