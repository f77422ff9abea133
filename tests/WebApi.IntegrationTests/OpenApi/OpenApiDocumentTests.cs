using System.Net;
using System.Text.Json;

namespace CleanDashboard.WebApi.IntegrationTests.OpenApi;

public sealed class OpenApiDocumentTests(DashboardApiFactory factory) : IClassFixture<DashboardApiFactory>
{
    [Fact]
    public async Task GetOpenApiDocument_WhenNoKeyIsSent_ShouldDescribeTheDashboardAndHealthRoutes()
    {
        var document = await GetDocumentAsync();

        document.GetProperty("openapi").GetString().Should().StartWith("3.");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain("/api/dashboard/health/");
        var dashboardPath = paths.Should().ContainSingle(p => p.TrimEnd('/') == "/api/dashboard").Subject;
        var dashboard = document.GetProperty("paths").GetProperty(dashboardPath).GetProperty("get");
        dashboard.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().BeEquivalentTo(["range", "start", "end", "model", "userId", "apiKeyId", "endpoint", "source", "tz"]);
        dashboard.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400", "401", "403"]);
    }

    [Fact]
    public async Task GetOpenApiDocument_WhenNoKeyIsSent_ShouldListTheSpecsDashboardPathWithItsTrailingSlash()
    {
        var document = await GetDocumentAsync();

        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().Contain("/api/dashboard/");
    }

    [Fact]
    public async Task GetScalarPage_WhenNoKeyIsSent_ShouldAnswerHtml()
    {
        var response = await factory.ClientWithKey(null).GetAsync("/scalar/v1", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("<html").And.Contain("openapi/v1.json");
    }

    private async Task<JsonElement> GetDocumentAsync()
    {
        var response = await factory.ClientWithKey(null).GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }
}
