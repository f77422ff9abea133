using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;

namespace CleanDashboard.Admin.IntegrationTests.Api;

/// <summary>
/// Bad input across the admin API and the feedback endpoint: every case is answered 400 (naming the field),
/// 401, 403 or 404 — never 500, never data.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(AdminApiFactory factory)
{
    private const string Admin = "admin";
    private const string Member = "member";
    private const string None = "none";

    public static TheoryData<string, string, string?, string, int, string?> Cases()
    {
        var longModel = new string('m', 129);
        var longName = new string('n', 151);
        var longKeyName = new string('k', 101);
        var longText = new string('t', 2001);
        var tooManyIds = JsonSerializer.Serialize(new { ids = Enumerable.Range(1, 1001) });
        var injectedSort = Uri.EscapeDataString("id; DROP TABLE request_logs");
        var data = new TheoryData<string, string, string?, string, int, string?>();

        void Bad(string method, string url, string? body, string field, string key = Admin) => data.Add(method, url, body, key, 400, field);
        void Get(string url, string field) => Bad("GET", url, null, field);

        Get("request-logs?page=0", "page");
        Get("request-logs?page=-1", "page");
        Get("request-logs?page=abc", "page");
        Get("request-logs?pageSize=0", "pageSize");
        Get("request-logs?pageSize=201", "pageSize");
        Get("request-logs?pageSize=10000", "pageSize");
        Get("request-logs?pageSize=ten", "pageSize");
        Get("request-logs?sort=password", "sort");
        Get("request-logs?sort=keyHash", "sort");
        Get("request-logs?sort=" + injectedSort, "sort");
        Get("request-logs?desc=maybe", "desc");
        Get("request-logs?from=yesterday", "from");
        Get("request-logs?from=2026-13-01", "from");
        Get("request-logs?to=2026-01-01T10:00:00", "to");
        Get("request-logs?from=2026-01-05&to=2026-01-01", "to");
        Get("request-logs?status=99", "status");
        Get("request-logs?status=600", "status");
        Get("request-logs?status=abc", "status");
        Get("request-logs?country=USA", "country");
        Get("request-logs?country=1", "country");
        Get("request-logs?userId=0", "userId");
        Get("request-logs?userId=-5", "userId");
        Get("request-logs?userId=x", "userId");
        Get("request-logs?model=" + longModel, "model");
        Get("request-logs/export?sort=nope", "sort");
        Get("request-logs/export?from=2026-02-01&to=2026-01-01", "to");
        Get("request-logs/export?status=1000", "status");
        Get("request-logs?unpriced=maybe", "unpriced");
        Get("request-logs/export?unpriced=2", "unpriced");
        Get("request-logs?source=OTLP", "source");
        Get("request-logs/export?source=prometheus", "source");
        Get("user-sessions?page=0", "page");
        Get("user-sessions?active=yes", "active");
        Get("user-sessions?userId=abc", "userId");
        Get("user-sessions?from=01/02/2026", "from");
        Get("user-sessions?sort=password", "sort");
        Get("feedback?rating=0", "rating");
        Get("feedback?rating=6", "rating");
        Get("feedback?rating=five", "rating");
        Get("feedback?sort=nope", "sort");
        Get("feedback?pageSize=500", "pageSize");
        Get("threats?severity=urgent", "severity");
        Get("threats?resolved=maybe", "resolved");
        Get("threats?threatType=ddos", "threatType");
        Get("threats?ip=999.1.1.1", "ip");
        Get("threats?ip=not-an-ip", "ip");
        Get("threats?from=2026-01-10&to=2026-01-09", "to");
        Get("threats?sort=secret", "sort");
        Get("model-usage-stats?from=bad", "from");
        Get("model-usage-stats?sort=cost", "sort");
        Get("model-usage-stats?page=0&pageSize=0", "page");
        Get("model-usage-stats?to=9999-12-31T12:00:00Z", "to");
        Get("model-usage-stats?from=9999-12-31T23:59:59Z", "from");
        Get("request-logs?from=9999-12-31", "from");
        Get("request-logs/export?to=9999-06-01T00:00:00Z", "to");
        Get("user-sessions?to=9999-12-31T23:59:59%2B01:00", "to");
        Get("feedback?from=1969-12-31T23:59:59Z", "from");
        Get("threats?to=9999-01-01", "to");
        Get("request-logs?model=demo%00echo", "model");
        Get("request-logs/export?model=a%0Ab", "model");
        Get("request-logs?statusClass=6xx", "statusClass");
        Get("request-logs?statusClass=1xx", "statusClass");
        Get("request-logs?statusClass=4", "statusClass");
        Get("request-logs/export?statusClass=error", "statusClass");
        Get("request-logs?status=500&statusClass=5xx", "statusClass");
        Get("request-logs?minLatencyMs=-1", "minLatencyMs");
        Get("request-logs?minLatencyMs=fast", "minLatencyMs");
        Get("request-logs?minLatencyMs=NaN", "minLatencyMs");
        Get("request-logs?minLatencyMs=1e400", "minLatencyMs");
        Get("request-logs/export?minLatencyMs=86400001", "minLatencyMs");
        Get("request-logs?apiKeyId=0", "apiKeyId");
        Get("request-logs/export?apiKeyId=key", "apiKeyId");
        Get("request-logs?endpoint=/v1/chat%0A", "endpoint");
        Get("request-logs?endpoint=/" + new string('e', 64), "endpoint");
        Get("model-usage-stats?model=%00", "model");
        Get("users?name=al%00", "name");
        Get("users?role=root", "role");
        Get("users?sort=keyHash", "sort");
        Get("users?name=" + longName, "name");
        Get("api-keys?revoked=perhaps", "revoked");
        Get("api-keys?userId=1.5", "userId");
        Get("api-keys?sort=keyHash", "sort");
        Bad("POST", "threats/resolve", "{}", "ids");
        Bad("POST", "threats/resolve", """{"ids":[]}""", "ids");
        Bad("POST", "threats/resolve", """{"ids":[0]}""", "ids");
        Bad("POST", "threats/resolve", """{"ids":[-3]}""", "ids");
        Bad("POST", "threats/resolve", tooManyIds, "ids");
        Bad("POST", "threats/resolve", """{"ids":["a"]}""", "ids");
        Bad("POST", "threats/unresolve", "{}", "ids");
        Bad("POST", "users", """{"name":"","role":"member"}""", "name");
        Bad("POST", "users", """{"name":"bad name!","role":"member"}""", "name");
        Bad("POST", "users", """{"name":"valid-x","role":"superuser"}""", "role");
        Bad("POST", "users", "{}", "name");
        Bad("POST", "users", """{"name":"dup-first","name":"dup-second","role":"member"}""", "name");
        Bad("POST", "users", """{"name":"\ud800","role":"member"}""", "name");
        Bad("POST", "api-keys", """{"userName":"admin","keyName":"a","keyName":"b"}""", "keyName");
        Bad("POST", "threats/resolve", """{"ids":[1],"ids":[2]}""", "ids");
        Bad("POST", "api-keys", """{"userName":"admin","keyName":"a\u0000b"}""", "keyName");
        Bad("POST", "api-keys", """{"userName":"adm\u0000in","keyName":"x"}""", "userName");
        Bad("POST", "/api/feedback", """{"requestLogId":1,"rating":5,"feedbackText":"nice\u0000"}""", "feedbackText", Member);
        Bad("POST", "/api/feedback", """{"requestLogId":1,"rating":5,"rating":1}""", "rating", Member);
        Bad("POST", "users", """{"name":"admin","role":"admin"}""", "name");
        Bad("POST", "api-keys", """{"userName":"","keyName":"x"}""", "userName");
        Bad("POST", "api-keys", """{"userName":"admin","keyName":""}""", "keyName");
        Bad("POST", "api-keys", $$"""{"userName":"admin","keyName":"{{longKeyName}}"}""", "keyName");
        Bad("POST", "/api/feedback", """{"rating":5}""", "requestLogId", Member);
        Bad("POST", "/api/feedback", """{"requestLogId":1}""", "rating", Member);
        Bad("POST", "/api/feedback", """{"requestLogId":1,"rating":0}""", "rating", Member);
        Bad("POST", "/api/feedback", """{"requestLogId":1,"rating":6}""", "rating", Member);
        Bad("POST", "/api/feedback", $$"""{"requestLogId":1,"rating":5,"feedbackText":"{{longText}}"}""", "feedbackText", Member);
        Bad("POST", "/api/feedback", """{"requestLogId":-1,"rating":5}""", "requestLogId", Member);
        Bad("POST", "/api/feedback", """{"requestLogId":1,"rating":"five"}""", "rating", Member);

        foreach (var (method, url, body) in new (string, string, string?)[]
        {
            ("GET", "request-logs", null), ("GET", "request-logs/export", null), ("GET", "request-logs/1", null), ("GET", "user-sessions", null),
            ("GET", "feedback", null), ("GET", "threats", null), ("GET", "threats/1", null), ("POST", "threats/resolve", """{"ids":[1]}"""),
            ("POST", "threats/unresolve", """{"ids":[1]}"""), ("GET", "model-usage-stats", null), ("GET", "users", null),
            ("POST", "users", """{"name":"sneaky","role":"admin"}"""), ("GET", "api-keys", null), ("POST", "api-keys", """{"userName":"admin","keyName":"x"}"""),
            ("POST", "api-keys/1/revoke", null),
        })
        {
            data.Add(method, url, body, None, 401, null);
            data.Add(method, url, body, Member, 403, null);
        }

        data.Add("GET", "users", null, "cd_not-a-real-key-00000000000000", 401, null);
        data.Add("GET", "request-logs/123456789", null, Admin, 404, null);
        data.Add("GET", "user-sessions/123456789", null, Admin, 404, null);
        data.Add("GET", "threats/123456789", null, Admin, 404, null);
        data.Add("GET", "users/123456789", null, Admin, 404, null);
        data.Add("GET", "api-keys/123456789", null, Admin, 404, null);
        data.Add("POST", "api-keys/123456789/revoke", null, Admin, 404, null);
        data.Add("POST", "api-keys", """{"userName":"nobody-here","keyName":"x"}""", Admin, 404, null);
        data.Add("POST", "/api/feedback", """{"requestLogId":123456789,"rating":5}""", Member, 404, null);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AdminApi_WhenInputIsBadOrCallerNotAllowed_ShouldAnswerTheRightProblemNeverA500(
        string method, string path, string? body, string key, int expectedStatus, string? field)
    {
        var apiKey = key switch
        {
            Admin => AdminApiFactory.AdminKey,
            Member => await factory.MemberKeyAsync(),
            None => null,
            _ => key,
        };
        using var client = factory.ClientWithKey(apiKey);
        var url = path.StartsWith('/') ? path : "/api/admin/" + path;
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };

        var response = await client.SendAsync(request);

        ((int)response.StatusCode).Should().Be(expectedStatus, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        if (field is not null)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("status").GetInt32().Should().Be(400);
            problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue(problem.ToString());
            messages.GetArrayLength().Should().BeGreaterThan(0);
        }
    }
}
