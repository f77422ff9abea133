using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanDashboard.WebApi.IntegrationTests.Infrastructure;

/// <summary>Bad dashboard input is a 400 application/problem+json naming each field, never a 500.</summary>
public sealed class ProblemExceptionHandlerTests(DashboardApiFactory factory) : IClassFixture<DashboardApiFactory>
{
    [Theory]
    [InlineData("range=foo", "range")]
    [InlineData("range=custom", "start", "end")]
    [InlineData("range=custom&end=2025-01-15T23:59:59Z", "start")]
    [InlineData("range=custom&start=2025-01-01T00:00:00Z", "end")]
    [InlineData("range=custom&start=2025-01-15T00:00:00Z&end=2025-01-01T00:00:00Z", "end")]
    [InlineData("range=custom&start=2025-01-01T00:00:00Z&end=2025-01-01T00:00:00Z", "end")]
    [InlineData("range=custom&start=yesterday&end=tomorrow", "start", "end")]
    [InlineData("range=custom&start=2025-01-01T00:00:00&end=2025-01-02T00:00:00Z", "start")]
    [InlineData("range=custom&start=2025-01-01T00:00:00Z&end=2025-13-01T00:00:00Z", "end")]
    [InlineData("range=custom&start=2024-01-01T00:00:00Z&end=2025-01-01T00:00:01Z", "end")]
    [InlineData("range=7d&start=2025-01-01T00:00:00Z", "start")]
    [InlineData("range=24h&end=2025-01-01T00:00:00Z", "end")]
    [InlineData("start=2025-01-01T00:00:00Z", "start")]
    [InlineData("range=custom&start=9999-12-31T00:00:00Z&end=9999-12-31T23:59:59Z", "start", "end")]
    [InlineData("range=custom&start=9998-12-31T00:00:00Z&end=9999-01-01T00:00:00Z", "end")]
    [InlineData("range=custom&start=9998-12-31T20:00:00-05:00&end=9998-12-31T23:00:00Z", "start")]
    [InlineData("range=custom&start=1969-12-31T00:00:00Z&end=1970-01-02T00:00:00Z", "start")]
    public async Task GetDashboard_WhenTheQueryIsInvalid_ShouldAnswer400NamingTheFields(string query, params string[] fields)
    {
        var response = await factory.ClientWithKey(DashboardApiFactory.AdminKey).GetAsync($"/api/dashboard/?{query}", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(fields);
        errors.EnumerateObject().Should().OnlyContain(e => e.Value.ValueKind == JsonValueKind.Array && e.Value.GetArrayLength() > 0);
    }

    [Fact]
    public async Task GetDashboard_WhenSpanIsExactly366Days_ShouldAnswer200()
    {
        var response = await factory.ClientWithKey(DashboardApiFactory.AdminKey)
            .GetAsync("/api/dashboard/?range=custom&start=2024-01-01T00:00:00Z&end=2025-01-01T00:00:00Z", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        body.GetProperty("requests").GetArrayLength().Should().Be(367); // daily, Jan 1 2024 .. Jan 1 2025 inclusive
    }

    [Fact]
    public async Task GetDashboard_WhenCustomEndsJustBeforeTheLatestInstant_ShouldAnswer200WithEveryHour()
    {
        var response = await factory.ClientWithKey(DashboardApiFactory.AdminKey)
            .GetAsync("/api/dashboard/?range=custom&start=9998-12-30T00:00:00Z&end=9998-12-31T23:59:59Z", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var hours = body.GetProperty("requests").EnumerateArray().Select(p => p.GetProperty("timestamp").GetString()).ToList();
        hours.Should().HaveCount(48); // 47 h 59 min 59 s: hourly, 9998-12-30T00 .. 9998-12-31T23
        hours[^1].Should().Be("9998-12-31T23:00:00Z");
    }

    [Fact]
    public async Task GetDashboard_WhenCustomUsesAnOffset_ShouldAnswerInUtc()
    {
        // +02:00 and %2B: a literal '+' in a query string would be read as a space.
        var response = await factory.ClientWithKey(DashboardApiFactory.AdminKey)
            .GetAsync("/api/dashboard/?range=custom&start=2024-03-01T12:00:00%2B02:00&end=2024-03-01T13:30:00%2B02:00", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        body.GetProperty("range").GetString().Should().Be("custom");
        body.GetProperty("requests").EnumerateArray().Select(p => p.GetProperty("timestamp").GetString())
            .Should().Equal("2024-03-01T10:00:00Z", "2024-03-01T11:00:00Z");
    }
}
