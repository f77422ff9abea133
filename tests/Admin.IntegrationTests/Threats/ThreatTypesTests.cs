using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;

namespace CleanDashboard.Admin.IntegrationTests.Threats;

/// <summary>One list of threat types, the registered detectors': the UI's filter reads it and the list's filter accepts exactly it.</summary>
public sealed class ThreatTypesTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private static readonly string[] Types = ["rate_limit", "brute_force", "prompt_injection", "scanner", "oversized_payload", "unusual_country"];

    [Fact]
    public async Task GetTypes_ShouldListTheRegisteredDetectorsTypes()
    {
        using var admin = factory.AdminClient();

        (await admin.GetFromJsonAsync<string[]>("/api/admin/threats/types")).Should().Equal(Types);
    }

    [Fact]
    public async Task ListThreats_WhenFilteredByATypeOfTheList_ShouldAcceptItAndOtherwiseNameTheList()
    {
        using var admin = factory.AdminClient();
        (await admin.GetAsync("/api/admin/threats?threatType=unusual_country")).StatusCode.Should().Be(HttpStatusCode.OK);

        var rejected = await admin.GetAsync("/api/admin/threats?threatType=ddos");
        rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("threatType")[0].GetString().Should().Be("ThreatType must be one of: " + string.Join(", ", Types) + ".");
    }

    [Fact]
    public async Task GetTypes_WhenNotAnAdmin_ShouldBeForbidden()
    {
        using var member = factory.ClientWithKey(await factory.MemberKeyAsync());

        (await member.GetAsync("/api/admin/threats/types")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
