using System.Net;
using System.Text;
using System.Text.Json;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;

namespace CleanDashboard.Gateway.IntegrationTests.Capture;

/// <summary>
/// The gateway with capture on for every model but the embedding model, bodies capped at <see cref="CapBytes"/>, and one
/// configured redaction (<c>TICKET-</c> and six digits, kind <c>ticket</c>) on top of the defaults.
/// </summary>
public sealed class CaptureFixture : GatewayFixture
{
    public const int CapBytes = 4096;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Capture:Enabled"] = "true",
        ["Capture:MaxBodyBytes"] = CapBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Capture:Models:0"] = "demo-echo",
        ["Capture:Models:1"] = "gpt-4o-mini",
        ["Capture:Models:2"] = "gpt-resp-*",
        ["Capture:Models:3"] = "claude-*",
        ["Capture:Models:4"] = "llama3.2*",
        ["Capture:RedactionPatterns:0:Kind"] = "ticket",
        ["Capture:RedactionPatterns:0:Pattern"] = @"TICKET-\d{6}",
    };

    /// <summary>Sends <paramref name="body"/> as JSON and returns what the client received, all of it.</summary>
    public static async Task<string> PostAsync(GatewayCaller caller, string path, string body)
    {
        using var http = caller.Http();
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The request log's detail as the admin API answers it.</summary>
    public async Task<JsonElement> DetailAsync(long id, string? key = AdminKey)
    {
        using var http = HttpClient(key);
        var response = await http.GetAsync($"api/admin/request-logs/{id}", TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.Clone();
    }

    /// <summary>The ids of the request logs <c>GET /api/admin/request-logs?{query}</c> lists.</summary>
    public async Task<List<long>> ListIdsAsync(string query)
    {
        using var http = HttpClient(AdminKey);
        var response = await http.GetAsync($"api/admin/request-logs?{query}", TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
    }
}
