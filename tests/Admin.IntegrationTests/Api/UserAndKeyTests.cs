using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Admin.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed class UserAndKeyTests(AdminApiFactory factory)
{
    [Fact]
    public async Task RevokeApiKey_WhenKeyWasJustUsed_ShouldRejectItOnTheVeryNextRequest()
    {
        using var admin = factory.AdminClient();
        (await admin.PostAsJsonAsync("/api/admin/users", new { name = "ops-dana", role = "admin" })).StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new { userName = "ops-dana", keyName = "laptop" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = key.GetProperty("key").GetString()!;
        secret.Should().StartWith("cd_");

        using var dana = factory.ClientWithKey(secret);
        (await dana.GetAsync("/api/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK, "the key works and is now cached");

        var revoked = await admin.PostAsync($"/api/admin/api-keys/{key.GetProperty("id").GetInt32()}/revoke", null);
        revoked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetBoolean().Should().BeTrue();

        (await dana.GetAsync("/api/admin/users")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CreateApiKey_WhenListed_ShouldShowOnlyThePrefixNeverTheKey()
    {
        using var admin = factory.AdminClient();
        var user = await (await admin.PostAsJsonAsync("/api/admin/users", new { name = "ops-erin", role = "member" })).Content.ReadFromJsonAsync<JsonElement>();
        var created = await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { userName = "ops-erin", keyName = "ci" })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("key").GetString()!;

        var response = await admin.GetAsync($"/api/admin/api-keys?userId={user.GetProperty("id").GetInt32()}");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain(secret);
        var page = await PageOf.GetAsync(admin, $"/api/admin/api-keys?userId={user.GetProperty("id").GetInt32()}");
        page.TotalCount.Should().Be(1);
        page.Items[0].GetProperty("prefix").GetString().Should().Be(secret[..7], "the cd_ marker and 4 characters, no more");
        page.Items[0].GetProperty("name").GetString().Should().Be("ci");
    }

    [Fact]
    public async Task RevokeApiKey_WhenRevokedTwice_ShouldKeepTheFirstTime()
    {
        var (_, keyId, _) = await factory.CreateUserWithKeyAsync("ops-frank");
        using var admin = factory.AdminClient();
        var first = await (await admin.PostAsync($"/api/admin/api-keys/{keyId}/revoke", null)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await admin.PostAsync($"/api/admin/api-keys/{keyId}/revoke", null)).Content.ReadFromJsonAsync<JsonElement>();
        second.GetProperty("revokedAt").GetString().Should().Be(first.GetProperty("revokedAt").GetString());
    }

    [Fact]
    public async Task ApiResponses_ShouldSayNosniffAndCarryNoServerBanner()
    {
        using var admin = factory.AdminClient();
        using var anonymous = factory.ClientWithKey(null);
        foreach (var response in new[] { await admin.GetAsync("/api/admin/users"), await anonymous.GetAsync("/api/admin/users"), await admin.GetAsync("/api/admin/threats?page=0") })
        {
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
            response.Headers.Contains("Server").Should().BeFalse();
        }

        factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader.Should().BeFalse("Kestrel must not announce itself");
    }

    [Fact]
    public async Task OpenApiDocument_ShouldDescribeTheAdminAndFeedbackEndpoints()
    {
        using var anonymous = factory.ClientWithKey(null);
        var document = await anonymous.GetStringAsync("/openapi/v1.json");
        document.Should().Contain("/api/admin/request-logs/export").And.Contain("/api/admin/threats/resolve").And.Contain("/api/feedback");
    }
}
