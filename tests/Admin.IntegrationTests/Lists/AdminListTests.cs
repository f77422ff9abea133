using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.Application.Feedback.Queries.ListFeedback;
using CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;
using CleanDashboard.Application.Threats.Queries.ListThreats;
using CleanDashboard.Application.UsageStats.Queries.ListModelUsageStats;
using CleanDashboard.Application.Users.Queries.ListApiKeys;
using CleanDashboard.Application.Users.Queries.ListUsers;
using CleanDashboard.Application.UserSessions.Queries.ListUserSessions;
using FluentAssertions;

namespace CleanDashboard.Admin.IntegrationTests.Lists;

/// <summary>
/// Every admin list against <see cref="ListDataFactory"/>'s rows. Expected rows are named by the data set:
/// R1–R8 request logs, S1–S4 sessions, F1–F4 feedback, T1–T5 threats, M1–M4 daily stats, u:name users, k:name keys.
/// </summary>
public sealed class AdminListTests(ListDataFactory data) : IClassFixture<ListDataFactory>
{
    [Theory]
    [InlineData("request-logs?model=gpt-4o&sort=id", 3, "R1 R2 R6")]
    [InlineData("request-logs?status=200&sort=id", 5, "R1 R3 R5 R6 R8")]
    [InlineData("request-logs?country=de&sort=id", 3, "R2 R5 R8")]
    [InlineData("request-logs?userId={alice}&sort=id", 3, "R1 R3 R8")]
    [InlineData("request-logs?from=2026-01-03&to=2026-01-06&sort=id", 3, "R3 R4 R5")]
    [InlineData("request-logs?from=2026-01-02T10:00:00Z&to=2026-01-02T10:00:00Z", 0, "")]
    [InlineData("request-logs?from=2026-01-03T00:00:00%2B02:00&sort=id", 6, "R3 R4 R5 R6 R7 R8")]
    [InlineData("request-logs?model=llama3.2&status=200&sort=id", 2, "R3 R8")]
    [InlineData("request-logs?unpriced=true", 0, "")] // no row here has tokens without a cost
    [InlineData("request-logs?unpriced=false&sort=id", 8, "R1 R2 R3 R4 R5 R6 R7 R8")]
    [InlineData("request-logs?source=otlp", 1, "R5")]
    [InlineData("request-logs?source=gateway&sort=id", 7, "R1 R2 R3 R4 R6 R7 R8")]
    [InlineData("request-logs?source=gateway&model=gpt-4o-mini", 0, "")]
    [InlineData("request-logs?country=US&status=200&from=2026-01-02&sort=createdAt&desc=true", 2, "R6 R3")]
    [InlineData("request-logs?sort=latencyMs&desc=true", 8, "R5 R2 R6 R1 R8 R3 R4 R7")]
    [InlineData("request-logs?sort=costUsd", 8, "R2 R4 R7 R3 R8 R1 R6 R5")]
    [InlineData("request-logs?sort=statusCode&desc=true", 8, "R2 R4 R7 R8 R6 R5 R3 R1")]
    [InlineData("request-logs?sort=userName&desc=false", 8, "R4 R7 R1 R3 R8 R2 R5 R6")]
    [InlineData("request-logs", 8, "R8 R7 R6 R5 R4 R3 R2 R1")]
    [InlineData("request-logs?sort=id&pageSize=3&page=2", 8, "R4 R5 R6")]
    [InlineData("request-logs?sort=id&pageSize=3&page=3", 8, "R7 R8")]
    [InlineData("request-logs?sort=id&pageSize=3&page=4", 8, "")]
    [InlineData("user-sessions?userId={alice}&sort=id", 2, "S1 S3")]
    [InlineData("user-sessions?active=true&sort=id", 2, "S3 S4")]
    [InlineData("user-sessions?active=false&sort=id", 2, "S1 S2")]
    [InlineData("user-sessions?from=2026-01-02&to=2026-01-04&sort=id", 2, "S2 S3")]
    [InlineData("user-sessions?sort=totalRequests&desc=true", 4, "S3 S1 S2 S4")]
    [InlineData("user-sessions?sort=totalCost&desc=true", 4, "S4 S3 S1 S2")]
    [InlineData("user-sessions?sort=id&pageSize=1&page=3", 4, "S3")]
    [InlineData("feedback?rating=5&sort=id", 2, "F1 F4")]
    [InlineData("feedback?userId={bob}&sort=id", 2, "F3 F4")]
    [InlineData("feedback?from=2026-01-02&to=2026-01-04&sort=id", 2, "F2 F3")]
    [InlineData("feedback?sort=rating", 4, "F2 F3 F1 F4")]
    [InlineData("feedback?sort=modelName", 4, "F1 F3 F4 F2")]
    [InlineData("feedback?rating=5&userId={alice}", 1, "F1")]
    [InlineData("threats?severity=low&sort=id", 2, "T2 T5")]
    [InlineData("threats?resolved=false&sort=id", 3, "T1 T3 T4")]
    [InlineData("threats?threatType=scanner", 1, "T2")]
    [InlineData("threats?ip=203.0.113.1&sort=id", 2, "T1 T4")]
    [InlineData("threats?from=2026-01-02&to=2026-01-04&sort=id", 2, "T2 T3")]
    [InlineData("threats?sort=severity&desc=true", 5, "T3 T1 T4 T5 T2")]
    [InlineData("threats?sort=occurrences", 5, "T3 T5 T1 T2 T4")]
    [InlineData("threats?severity=LOW&resolved=true&sort=id", 2, "T2 T5")]
    [InlineData("model-usage-stats?model=gpt-4o&sort=id", 2, "M1 M3")]
    [InlineData("model-usage-stats?from=2026-01-02&sort=id", 2, "M3 M4")]
    [InlineData("model-usage-stats?to=2026-01-02&sort=id", 2, "M1 M2")]
    [InlineData("model-usage-stats?from=2026-01-01T12:00:00Z&sort=id", 2, "M3 M4")]
    [InlineData("model-usage-stats?sort=totalCost&desc=true", 4, "M3 M4 M1 M2")]
    [InlineData("model-usage-stats?sort=date&pageSize=2&page=2", 4, "M3 M4")]
    [InlineData("users?role=member&sort=id", 2, "u:alice u:bob")]
    [InlineData("users?role=admin&sort=id", 2, "u:admin u:carol")]
    [InlineData("users?name=al&sort=id", 1, "u:alice")]
    [InlineData("users?sort=name", 4, "u:admin u:alice u:bob u:carol")]
    [InlineData("users?sort=activeApiKeys", 4, "u:carol u:admin u:alice u:bob")]
    [InlineData("users?sort=id&desc=true&pageSize=2", 4, "u:carol u:bob")]
    [InlineData("api-keys?userId={alice}&sort=id", 2, "k:alice-laptop k:alice-old")]
    [InlineData("api-keys?revoked=true", 1, "k:alice-old")]
    [InlineData("api-keys?revoked=false&sort=id", 3, "k:bootstrap k:alice-laptop k:bob-ci")]
    [InlineData("api-keys?sort=name", 4, "k:alice-laptop k:alice-old k:bob-ci k:bootstrap")]
    [InlineData("api-keys?sort=revoked&desc=true", 4, "k:alice-old k:bob-ci k:alice-laptop k:bootstrap")]
    public async Task List_WhenFilteredSortedAndPaged_ShouldReturnExactlyTheExpectedRows(string query, int totalCount, string expected)
    {
        using var client = data.AdminClient();
        var url = "/api/admin/" + query.Replace("{alice}", data.Alice.Id.ToString(), StringComparison.Ordinal).Replace("{bob}", data.Bob.Id.ToString(), StringComparison.Ordinal);

        var page = await PageOf.GetAsync(client, url);

        page.TotalCount.Should().Be(totalCount);
        page.Ids.Should().Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Id));
        page.PageSize.Should().Be(QueryValue(url, "pageSize") ?? 50);
        page.Page.Should().Be(QueryValue(url, "page") ?? 1);
    }

    public static TheoryData<string, string> SortableColumns()
    {
        var data = new TheoryData<string, string>();
        foreach (var (list, columns) in new (string, IReadOnlyList<string>)[]
        {
            ("request-logs", RequestLogDto.Columns), ("user-sessions", UserSessionDto.Columns), ("feedback", FeedbackDto.Columns),
            ("threats", ThreatDto.Columns), ("model-usage-stats", ModelUsageStatsDto.Columns), ("users", UserListItemDto.Columns),
            ("api-keys", ApiKeyDto.Columns),
        })
        {
            foreach (var column in columns)
            {
                data.Add(list, column);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SortableColumns))]
    public async Task List_WhenSortedByAnyShownColumn_ShouldAnswerEveryRowInBothDirections(string list, string column)
    {
        using var client = data.AdminClient();
        var ascending = await PageOf.GetAsync(client, $"/api/admin/{list}?sort={column}");
        var descending = await PageOf.GetAsync(client, $"/api/admin/{list}?sort={column}&desc=true");

        ascending.Items.Should().HaveCount((int)ascending.TotalCount).And.NotBeEmpty();
        descending.Ids.Should().BeEquivalentTo(ascending.Ids);
        ascending.Items.Select(i => i.TryGetProperty(column, out var value)).Should().OnlyContain(present => present);
    }

    [Fact]
    public async Task Details_WhenIdExists_ShouldReturnTheRowWithItsColumns()
    {
        using var client = data.AdminClient();

        var request = await client.GetFromJsonAsync<JsonElement>($"/api/admin/request-logs/{data.Requests[0].Id}");
        request.GetProperty("userName").GetString().Should().Be("alice");
        request.GetProperty("modelName").GetString().Should().Be("gpt-4o");
        request.GetProperty("costUsd").GetDecimal().Should().Be(0.01m);
        request.GetProperty("createdAt").GetString().Should().Be("2026-01-01T10:00:00Z");
        (request.GetProperty("cachedInputTokens").GetInt32(), request.GetProperty("cacheCreationTokens").GetInt32(), request.GetProperty("reasoningTokens").GetInt32(), request.GetProperty("usageEstimated").GetBoolean())
            .Should().Be((800, 50, 60, true));
        var plain = await client.GetFromJsonAsync<JsonElement>($"/api/admin/request-logs/{data.Requests[1].Id}");
        (plain.GetProperty("cachedInputTokens").ValueKind, plain.GetProperty("reasoningTokens").ValueKind, plain.GetProperty("usageEstimated").GetBoolean())
            .Should().Be((JsonValueKind.Null, JsonValueKind.Null, false));

        var threat = await client.GetFromJsonAsync<JsonElement>($"/api/admin/threats/{data.Threats[2].Id}");
        threat.GetProperty("severity").GetString().Should().Be("critical");
        threat.GetProperty("threatType").GetString().Should().Be("prompt_injection");

        var feedback = await client.GetFromJsonAsync<JsonElement>($"/api/admin/feedback/{data.Feedback[0].Id}");
        feedback.GetProperty("rating").GetInt32().Should().Be(5);
        feedback.GetProperty("feedbackText").GetString().Should().Be("Great");

        var session = await client.GetFromJsonAsync<JsonElement>($"/api/admin/user-sessions/{data.Sessions[2].Id}");
        session.GetProperty("sessionEnd").ValueKind.Should().Be(JsonValueKind.Null);
        session.GetProperty("totalRequests").GetInt32().Should().Be(7);

        var stats = await client.GetFromJsonAsync<JsonElement>($"/api/admin/model-usage-stats/{data.Stats[2].Id}");
        stats.GetProperty("date").GetString().Should().Be("2026-01-02");
        stats.GetProperty("totalCost").GetDecimal().Should().Be(12.25m);

        var user = await client.GetFromJsonAsync<JsonElement>($"/api/admin/users/{data.Carol.Id}");
        user.GetProperty("role").GetString().Should().Be("admin");
        user.GetProperty("activeApiKeys").GetInt32().Should().Be(0);

        var key = await client.GetFromJsonAsync<JsonElement>($"/api/admin/api-keys/{data.Keys[1].Id}");
        key.GetProperty("revoked").GetBoolean().Should().BeTrue();
        key.GetProperty("prefix").GetString().Should().Be(data.Keys[1].Prefix);
        key.TryGetProperty("keyHash", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("request-logs/999999")]
    [InlineData("user-sessions/999999")]
    [InlineData("feedback/999999")]
    [InlineData("threats/999999")]
    [InlineData("model-usage-stats/999999")]
    [InlineData("users/999999")]
    [InlineData("api-keys/999999")]
    public async Task Details_WhenIdDoesNotExist_ShouldAnswer404Problem(string path)
    {
        using var client = data.AdminClient();
        var response = await client.GetAsync("/api/admin/" + path);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private long Id(string name) => name[0] switch
    {
        'R' => data.Requests[int.Parse(name[1..]) - 1].Id,
        'S' => data.Sessions[int.Parse(name[1..]) - 1].Id,
        'F' => data.Feedback[int.Parse(name[1..]) - 1].Id,
        'T' => data.Threats[int.Parse(name[1..]) - 1].Id,
        'M' => data.Stats[int.Parse(name[1..]) - 1].Id,
        'u' => name[2..] switch
        {
            "admin" => data.BootstrapAdminId,
            "alice" => data.Alice.Id,
            "bob" => data.Bob.Id,
            _ => data.Carol.Id,
        },
        _ => name[2..] == "bootstrap" ? data.BootstrapKeyId : data.Keys.Single(k => k.Name == name[2..]).Id,
    };

    private static int? QueryValue(string url, string name)
    {
        var query = url.Contains('?', StringComparison.Ordinal) ? url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        var value = query.Split('&').Select(p => p.Split('=')).FirstOrDefault(p => p[0] == name)?[1];
        return value is null ? null : int.Parse(value);
    }
}
