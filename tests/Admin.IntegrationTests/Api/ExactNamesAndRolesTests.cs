using System.Net;
using System.Text;
using System.Text.Json;
using FluentAssertions;

namespace CleanDashboard.Admin.IntegrationTests.Api;

/// <summary><c>{"role":"Admin "}</c> created an admin: roles and names now pass exactly as sent or answer 400 naming the field.</summary>
[Collection(ApiCollection.Name)]
public sealed class ExactNamesAndRolesTests(AdminApiFactory factory)
{
    [Theory]
    [InlineData("""{"name":"ops-mallory","role":"Admin "}""", "role", "Role must be exactly 'admin' or 'member' (lower case).")]
    [InlineData("""{"name":"ops-mallory","role":"ADMIN"}""", "role", "Role must be exactly 'admin' or 'member' (lower case).")]
    [InlineData("""{"name":"ops-mallory","role":"\tadmin"}""", "role", "Role must be exactly 'admin' or 'member' (lower case).")]
    [InlineData("""{"name":"ops-mallory\n","role":"member"}""", "name", "Name must not start or end with white space or contain control characters.|Name may contain letters, digits and . _ @ - only.")]
    [InlineData("""{"name":"ops-mallory\u0000","role":"member"}""", "name", "Name must not start or end with white space or contain control characters.|Name may contain letters, digits and . _ @ - only.")]
    public async Task CreateUser_WhenTheRoleOrNameIsNotExact_ShouldAnswer400NamingTheFieldAndCreateNobody(string body, string field, string messages)
    {
        using var admin = factory.AdminClient();

        var response = await admin.PostAsync("/api/admin/users", new StringContent(body, Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, field, messages.Split('|'));
        var users = await PageOf.GetAsync(admin, "/api/admin/users?name=mallory");
        users.TotalCount.Should().Be(0);
    }

    [Theory]
    [InlineData("""{"userName":"admin ","keyName":"x"}""", "userName", "User Name must not start or end with white space or contain control characters.")]
    [InlineData("""{"userName":"admin","keyName":" x"}""", "keyName", "Key Name must not start or end with white space or contain control characters.")]
    [InlineData("""{"userName":"admin","keyName":"x\u001b[2J"}""", "keyName", "Key Name must not start or end with white space or contain control characters.")]
    public async Task CreateApiKey_WhenTheUserOrKeyNameIsNotExact_ShouldAnswer400NamingTheField(string body, string field, string message)
    {
        using var admin = factory.AdminClient();

        var response = await admin.PostAsync("/api/admin/api-keys", new StringContent(body, Encoding.UTF8, "application/json"));

        await ShouldBeProblemAsync(response, field, message);
    }

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, string field, params string[] messages)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Equal(field);
        errors.GetProperty(field).EnumerateArray().Select(m => m.GetString()).Should().Equal(messages);
    }
}
