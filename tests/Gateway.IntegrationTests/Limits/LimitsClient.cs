using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;

namespace CleanDashboard.Gateway.IntegrationTests.Limits;

/// <summary>The admin API of limits, as an operator calls it.</summary>
internal static class LimitsClient
{
    public static async Task<JsonElement> PutAsync(GatewayFixture gateway, string path, object body)
    {
        using var http = gateway.HttpClient(GatewayFixture.AdminKey);
        using var response = await http.PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetAsync(GatewayFixture gateway, string path)
    {
        using var http = gateway.HttpClient(GatewayFixture.AdminKey);
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
