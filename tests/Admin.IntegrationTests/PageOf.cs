using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;

namespace CleanDashboard.Admin.IntegrationTests;

/// <summary>A list answer as the client sees it.</summary>
public sealed record PageOf(List<JsonElement> Items, int Page, int PageSize, long TotalCount)
{
    public long[] Ids => Items.Select(i => i.GetProperty("id").GetInt64()).ToArray();

    public static async Task<PageOf> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PageOf>())!;
    }
}
