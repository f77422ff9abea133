using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanDashboard.WebApi.IntegrationTests.Infrastructure;

public sealed class ApiKeyAuthenticationHandlerTests(DashboardApiFactory factory) : IClassFixture<DashboardApiFactory>
{
    [Theory]
    [InlineData("/api/dashboard/")]
    [InlineData("/api/dashboard")]
    [InlineData("/api/dashboard/?range=24h")]
    [InlineData("/api/dashboard?range=24h")]
    public async Task GetDashboard_WhenTheAdminKeyIsSent_ShouldAnswer200Json(string path)
    {
        var response = await factory.ClientWithKey(DashboardApiFactory.AdminKey).GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        body.GetProperty("range").GetString().Should().Be(path.Contains("24h") ? "24h" : "7d");
    }

    [Theory]
    [InlineData("/api/dashboard/")]
    [InlineData("/api/dashboard")]
    public async Task GetDashboard_WhenNoKeyIsSent_ShouldAnswer401ProblemDocument(string path)
    {
        var response = await factory.ClientWithKey(null).GetAsync(path, TestContext.Current.CancellationToken);

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
    }

    [Theory]
    [InlineData("cd_not-a-key-that-exists-anywhere-000000000")]
    [InlineData("webapi-tests-admin-key-0123456789abcdeF")]
    public async Task GetDashboard_WhenTheKeyIsUnknown_ShouldAnswer401ProblemDocument(string key)
    {
        var response = await factory.ClientWithKey(key).GetAsync("/api/dashboard/", TestContext.Current.CancellationToken);

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetDashboard_WhenTheSchemeIsNotBearer_ShouldAnswer401ProblemDocument()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", DashboardApiFactory.AdminKey);

        var response = await client.GetAsync("/api/dashboard/", TestContext.Current.CancellationToken);

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/api/dashboard/")]
    [InlineData("/api/dashboard")]
    public async Task GetDashboard_WhenAMemberKeyIsSent_ShouldAnswer403ProblemDocument(string path)
    {
        var response = await factory.ClientWithKey(factory.MemberKey).GetAsync(path, TestContext.Current.CancellationToken);

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
    }

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        problem.TryGetProperty("range", out _).Should().BeFalse("no dashboard data may leak into an error");
    }
}
