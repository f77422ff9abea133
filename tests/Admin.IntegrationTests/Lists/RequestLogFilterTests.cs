using System.Net.Http.Json;
using System.Text.Json;
using CleanDashboard.Application.Auth;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using FluentAssertions;
using CleanDashboard.TestSupport;

namespace CleanDashboard.Admin.IntegrationTests.Lists;

/// <summary>
/// Seven request logs (Q1–Q7) on 2026-02-01 to 2026-02-07, 10:00 UTC, for the filters the dashboard's drill-down opens
/// the logs with. Only admin requests are made, which are not tracked, so these are all the rows.
/// <code>
///      endpoint              status latency  ttft  model        user  key
///  Q1  /v1/chat/completions    200   120.0    40  gpt-4o       dana  dana-app
///  Q2  /v1/chat/completions    201  2500.0   300  gpt-4o       eve   eve-ci
///  Q3  /v1/embeddings          404    15.0     —  text-embed   dana  dana-app
///  Q4  /v1/embeddings          429  1500.5     —  text-embed   eve   eve-ci
///  Q5  /ollama/api/chat        500  3000.0   900  llama3.2     dana  —
///  Q6  /v1/chat/completions    503  1500.0     —  gpt-4o       —     —
///  Q7  /v1/models              304     1.0     —  —            dana  dana-app
/// </code>
/// </summary>
public sealed class RequestLogFilterDataFactory : AdminApiFactory
{
    public User Dana { get; } = new() { Name = "dana", Role = UserRole.Member, CreatedAt = Day(1, 8) };

    public User Eve { get; } = new() { Name = "eve", Role = UserRole.Member, CreatedAt = Day(1, 8) };

    public ApiKey DanaApp { get; private set; } = null!;

    public ApiKey EveCi { get; private set; } = null!;

    public List<RequestLog> Requests { get; } = [];

    public static DateTime Day(int day, int hour = 10) => new(2026, 2, day, hour, 0, 0, DateTimeKind.Utc);

    protected override Task SeedAsync() => WithDbAsync(async db =>
    {
        db.Users.AddRange(Dana, Eve);
        await db.SaveChangesAsync();
        DanaApp = Key(Dana, "dana-app");
        EveCi = Key(Eve, "eve-ci");
        db.ApiKeys.AddRange(DanaApp, EveCi);
        await db.SaveChangesAsync();

        Requests.AddRange(
            Request(1, "/v1/chat/completions", 200, 120, 40, "gpt-4o", Dana, DanaApp),
            Request(2, "/v1/chat/completions", 201, 2500, 300, "gpt-4o", Eve, EveCi),
            Request(3, "/v1/embeddings", 404, 15, null, "text-embed", Dana, DanaApp),
            Request(4, "/v1/embeddings", 429, 1500.5, null, "text-embed", Eve, EveCi),
            Request(5, "/ollama/api/chat", 500, 3000, 900, "llama3.2", Dana, null),
            Request(6, "/v1/chat/completions", 503, 1500, null, "gpt-4o", null, null),
            Request(7, "/v1/models", 304, 1, null, string.Empty, Dana, DanaApp));
        db.RequestLogs.AddRange(Requests);
        await db.SaveChangesAsync();
    });

    private static ApiKey Key(User user, string name)
    {
        var secret = ApiKeySecret.Generate();
        return new ApiKey
        {
            UserId = user.Id,
            Name = name,
            Prefix = ApiKeySecret.DisplayPrefix(secret),
            KeyHash = ApiKeySecret.Hash(secret),
            CreatedAt = Day(1, 9),
        };
    }

    private static RequestLog Request(int day, string endpoint, int status, double latency, double? ttft, string model, User? user, ApiKey? key) =>
        RequestLogBuilder.ChatAt(Day(day)).Endpoint(endpoint, endpoint == "/v1/models" ? "GET" : "POST").Status(status).Latency(latency, ttft).Model(model)
            .Country("US").Ip("198.51.100.7").UserId(user?.Id).ApiKeyId(key?.Id).Build();
}

/// <summary>The request-log filters the drill-down needs, each against the hand-built rows of <see cref="RequestLogFilterDataFactory"/>.</summary>
public sealed class RequestLogFilterTests(RequestLogFilterDataFactory data) : IClassFixture<RequestLogFilterDataFactory>
{
    [Theory]
    [InlineData("endpoint=/v1/embeddings", "Q3 Q4")]
    [InlineData("endpoint=%2Fv1%2Fchat%2Fcompletions", "Q1 Q2 Q6")]
    [InlineData("endpoint=/v1/chat", "")] // a route template matches exactly, not as a prefix
    [InlineData("statusClass=2xx", "Q1 Q2")]
    [InlineData("statusClass=3xx", "Q7")]
    [InlineData("statusClass=4xx", "Q3 Q4")]
    [InlineData("statusClass=5XX", "Q5 Q6")]
    [InlineData("minLatencyMs=1500", "Q2 Q4 Q5 Q6")]
    [InlineData("minLatencyMs=1500.5", "Q2 Q4 Q5")]
    [InlineData("minLatencyMs=0", "Q1 Q2 Q3 Q4 Q5 Q6 Q7")]
    [InlineData("apiKeyId={eve-ci}", "Q2 Q4")]
    [InlineData("apiKeyId={dana-app}&statusClass=4xx", "Q3")]
    [InlineData("endpoint=/v1/chat/completions&statusClass=5xx&from=2026-02-06T10:00:00Z&to=2026-02-06T11:00:00Z", "Q6")]
    [InlineData("endpoint=/v1/chat/completions&from=2026-02-02T10:00:00Z&to=2026-02-06T10:00:00Z", "Q2")]
    [InlineData("model=gpt-4o&userId={dana}&apiKeyId={dana-app}&from=2026-02-01&to=2026-02-02", "Q1")]
    [InlineData("userId={dana}&minLatencyMs=100&statusClass=5xx", "Q5")]
    public async Task List_WhenFilteredAsTheDrillDownDoes_ShouldReturnExactlyTheseRows(string filter, string expected)
    {
        using var client = data.AdminClient();

        var page = await PageOf.GetAsync(client, $"/api/admin/request-logs?sort=id&{Resolve(filter)}");

        var ids = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Id).ToArray();
        page.Ids.Should().Equal(ids);
        page.TotalCount.Should().Be(ids.Length);
    }

    [Fact]
    public async Task List_ShouldShowEachRowsTimeToFirstTokenAndKeyName()
    {
        using var client = data.AdminClient();

        var page = await PageOf.GetAsync(client, "/api/admin/request-logs?sort=id");

        page.Items.Select(i => (Ttft(i), KeyName(i))).Should().Equal(
            (40.0, "dana-app"), (300.0, "eve-ci"), (null, "dana-app"), (null, "eve-ci"), (900.0, null), (null, null), (null, "dana-app"));
    }

    [Fact]
    public async Task List_WhenSortedByKeyName_ShouldPutRowsWithoutAKeyFirstThenByName()
    {
        using var client = data.AdminClient();

        var ascending = await PageOf.GetAsync(client, "/api/admin/request-logs?sort=apiKeyName");
        var descending = await PageOf.GetAsync(client, "/api/admin/request-logs?sort=apiKeyName&desc=true");

        ascending.Ids.Should().Equal(new[] { "Q5", "Q6", "Q1", "Q3", "Q7", "Q2", "Q4" }.Select(Id));
        descending.Ids.Should().Equal(new[] { "Q4", "Q2", "Q7", "Q3", "Q1", "Q6", "Q5" }.Select(Id));
    }

    [Fact]
    public async Task Details_ShouldNameTheKey()
    {
        using var client = data.AdminClient();

        var log = await client.GetFromJsonAsync<JsonElement>($"/api/admin/request-logs/{data.Requests[1].Id}", TestContext.Current.CancellationToken);

        log.GetProperty("apiKeyName").GetString().Should().Be("eve-ci");
        log.GetProperty("ttftMs").GetDouble().Should().Be(300);
    }

    [Fact]
    public async Task Export_WhenFilteredByEndpointStatusClassAndLatency_ShouldStreamThoseRowsWithTheKeyNameBeforeTheSource()
    {
        using var client = data.AdminClient();

        var csv = await client.GetStringAsync(
            "/api/admin/request-logs/export?sort=id&endpoint=/v1/embeddings&statusClass=4xx&minLatencyMs=1000", TestContext.Current.CancellationToken);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().EndWith(",usageEstimated,apiKeyName,source");
        lines.Skip(1).Select(l => long.Parse(l.Split(',')[0])).Should().Equal(Id("Q4"));
        lines[1].Should().EndWith(",False,eve-ci,gateway");
    }

    private static double? Ttft(JsonElement item) =>
        item.GetProperty("ttftMs").ValueKind == JsonValueKind.Null ? null : item.GetProperty("ttftMs").GetDouble();

    private static string? KeyName(JsonElement item) => item.GetProperty("apiKeyName").GetString();

    private string Resolve(string filter) => filter
        .Replace("{dana}", data.Dana.Id.ToString(), StringComparison.Ordinal)
        .Replace("{dana-app}", data.DanaApp.Id.ToString(), StringComparison.Ordinal)
        .Replace("{eve-ci}", data.EveCi.Id.ToString(), StringComparison.Ordinal);

    private long Id(string name) => data.Requests[int.Parse(name[1..]) - 1].Id;
}
