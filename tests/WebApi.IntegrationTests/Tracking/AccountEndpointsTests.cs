using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanDashboard.WebApi.IntegrationTests.Tracking;

public sealed class AccountEndpointsTests : IAsyncLifetime
{
    private TrackingTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TrackingTestHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetMe_WithAMemberKey_ShouldNameTheUserAndRoleAndBeTracked()
    {
        var response = await _host.Client.SendAsync(_host.Get("/api/me"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("userId").GetInt32().Should().Be(_host.MemberUserId);
        body.GetProperty("name").GetString().Should().Be("tracked-member");
        body.GetProperty("role").GetString().Should().Be("member");
        var log = (await _host.WaitForLogsAsync(1)).Single();
        (log.Endpoint, log.StatusCode, log.UserId).Should().Be(("/api/me", 200, _host.MemberUserId));
    }

    [Fact]
    public async Task GetMe_WithoutAKey_ShouldBe401ProblemDocument()
    {
        var response = await _host.Client.SendAsync(_host.Get("/api/me", key: string.Empty));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
