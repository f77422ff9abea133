using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.WebApi.IntegrationTests.Tracking;

public sealed class AccountEndpointsTests : IAsyncLifetime
{
    private TrackingTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TrackingTestHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetMe_WithAMemberKey_ShouldNameTheUserAndRole()
    {
        var response = await _host.Client.SendAsync(_host.Get("/api/me"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("userId").GetInt32().Should().Be(_host.MemberUserId);
        body.GetProperty("name").GetString().Should().Be("tracked-member");
        body.GetProperty("role").GetString().Should().Be("member");
    }

    [Fact]
    public async Task GetMe_ByDefault_ShouldNotBeTrackedNorMakeTheOperatorAnActiveUserWithASession()
    {
        var adminId = await _host.QueryAsync(db => db.Users.Where(u => u.Name == "admin").Select(u => u.Id).SingleAsync());
        (await _host.Client.SendAsync(_host.Get("/api/me", key: TrackingTestHost.AdminKey))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _host.Client.SendAsync(_host.Get("/api/me/", key: TrackingTestHost.AdminKey))).StatusCode.Should().Be(HttpStatusCode.OK);

        // A tracked request after them: once it is stored, the writer has had every entry queued before it.
        await _host.Client.SendAsync(_host.Post("/v1/test/openai", "{}"));

        var logs = await _host.WaitForLogsAsync(1);
        logs.Select(l => (l.Endpoint, l.UserId)).Should().Equal(("/v1/test/openai", _host.MemberUserId));
        (await _host.QueryAsync(db => db.UserSessions.CountAsync(s => s.UserId == adminId))).Should().Be(0);
        (await _host.QueryAsync(db => db.HourlyActiveUsers.CountAsync(a => a.UserId == adminId))).Should().Be(0);
    }

    [Fact]
    public async Task GetMe_WhenOperatorCallsAreTracked_ShouldBeRecordedWithItsUser()
    {
        await using var host = await TrackingTestHost.StartAsync(new() { ["RequestTracking:TrackOperatorCalls"] = "true" });

        await host.Client.SendAsync(host.Get("/api/me"));

        var log = (await host.WaitForLogsAsync(1)).Single();
        (log.Endpoint, log.StatusCode, log.UserId).Should().Be(("/api/me", 200, host.MemberUserId));
    }

    [Fact]
    public async Task GetMe_WithoutAKey_ShouldBe401ProblemDocument()
    {
        var response = await _host.Client.SendAsync(_host.Get("/api/me", key: string.Empty));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
