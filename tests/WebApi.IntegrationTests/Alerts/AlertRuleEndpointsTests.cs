using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CleanDashboard.WebApi.IntegrationTests.Alerts;

public sealed class AlertRuleEndpointsTests(AlertsApiFactory factory) : IClassFixture<AlertsApiFactory>
{
    private const string ValidBody = """
        {"name":"High error rate","metric":"error_rate","threshold":0.1,"window":"00:05:00","for":"00:01:00",
         "filters":{"model":"gpt-4o","apiKeyId":null,"userId":7,"endpoint":null},
         "channel":{"type":"webhook","url":"https://hooks.example.com/a","secret":"s3cret"}}
        """;

    [Fact]
    public async Task Post_WhenTheBodyIsValid_ShouldAnswer201WithTheRuleAndNoSecret()
    {
        var response = await Post(ValidBody);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var rule = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var id = rule.GetProperty("id").GetInt32();
        response.Headers.Location!.ToString().Should().Be($"/api/admin/alert-rules/{id}");
        rule.GetProperty("name").GetString().Should().Be("High error rate");
        rule.GetProperty("metric").GetString().Should().Be("error_rate");
        rule.GetProperty("threshold").GetDecimal().Should().Be(0.1m);
        rule.GetProperty("window").GetString().Should().Be("00:05:00");
        rule.GetProperty("for").GetString().Should().Be("00:01:00");
        rule.GetProperty("filters").GetProperty("model").GetString().Should().Be("gpt-4o");
        rule.GetProperty("filters").GetProperty("userId").GetInt32().Should().Be(7);
        rule.GetProperty("filters").GetProperty("apiKeyId").ValueKind.Should().Be(JsonValueKind.Null);
        rule.GetProperty("channel").GetProperty("type").GetString().Should().Be("webhook");
        rule.GetProperty("channel").GetProperty("url").GetString().Should().Be("https://hooks.example.com/a");
        rule.GetProperty("channel").GetProperty("hasSecret").GetBoolean().Should().BeTrue();
        rule.GetProperty("state").GetString().Should().Be("ok");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().NotContain("s3cret");
    }

    [Fact]
    public async Task GetAndList_WhenARuleExists_ShouldReturnItWithoutItsSecret()
    {
        var id = await CreateAsync();

        var one = await factory.Admin().GetStringAsync($"/api/admin/alert-rules/{id}", TestContext.Current.CancellationToken);
        var all = await factory.Admin().GetFromJsonAsync<JsonElement>("/api/admin/alert-rules", TestContext.Current.CancellationToken);

        JsonDocument.Parse(one).RootElement.GetProperty("id").GetInt32().Should().Be(id);
        one.Should().NotContain("s3cret");
        all.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).Should().Contain(id);
        all.ToString().Should().NotContain("s3cret");
    }

    [Fact]
    public async Task Put_WhenNoSecretIsSent_ShouldKeepTheStoredSecret()
    {
        var id = await CreateAsync();

        var response = await factory.Admin().PutAsync($"/api/admin/alert-rules/{id}", Json("""
            {"name":"Renamed","metric":"requests","threshold":1000,"window":"01:00:00","for":"00:00:00",
             "channel":{"type":"webhook","url":"http://127.0.0.1:5601/hook"}}
            """), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rule = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        rule.GetProperty("name").GetString().Should().Be("Renamed");
        rule.GetProperty("metric").GetString().Should().Be("requests");
        rule.GetProperty("threshold").GetDecimal().Should().Be(1000m);
        rule.GetProperty("window").GetString().Should().Be("01:00:00");
        rule.GetProperty("filters").GetProperty("model").ValueKind.Should().Be(JsonValueKind.Null);
        rule.GetProperty("channel").GetProperty("hasSecret").GetBoolean().Should().BeTrue();
        var stored = await factory.WithDb(db => db.AlertRules.Single(r => r.Id == id).ChannelSecret);
        stored.Should().Be("s3cret");
    }

    [Fact]
    public async Task Delete_WhenTheRuleExists_ShouldAnswer204ThenGetAnswers404()
    {
        var id = await CreateAsync();

        var deleted = await factory.Admin().DeleteAsync($"/api/admin/alert-rules/{id}", TestContext.Current.CancellationToken);
        var get = await factory.Admin().GetAsync($"/api/admin/alert-rules/{id}", TestContext.Current.CancellationToken);
        var again = await factory.Admin().DeleteAsync($"/api/admin/alert-rules/{id}", TestContext.Current.CancellationToken);

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_WhenTheRuleDoesNotExist_ShouldAnswer404()
    {
        var response = await factory.Admin().PutAsync("/api/admin/alert-rules/99999", Json(ValidBody), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("\"name\":\"High error rate\"", "\"name\":\"\"", "name")]
    [InlineData("\"metric\":\"error_rate\"", "\"metric\":\"latency\"", "metric")]
    [InlineData("\"threshold\":0.1", "\"threshold\":1.5", "threshold")]
    [InlineData("\"threshold\":0.1", "\"threshold\":-1", "threshold")]
    [InlineData("\"window\":\"00:05:00\"", "\"window\":\"00:00:30\"", "window")]
    [InlineData("\"window\":\"00:05:00\"", "\"window\":\"five minutes\"", "window")]
    [InlineData("\"for\":\"00:01:00\"", "\"for\":\"-00:01:00\"", "for")]
    [InlineData("\"userId\":7", "\"userId\":0", "filters.userId")]
    [InlineData("\"type\":\"webhook\"", "\"type\":\"email\"", "channel.type")]
    [InlineData("\"url\":\"https://hooks.example.com/a\"", "\"url\":\"ftp://hooks.example.com/a\"", "channel.url")]
    [InlineData("\"url\":\"https://hooks.example.com/a\"", "\"url\":\"/relative\"", "channel.url")]
    [InlineData("\"secret\":\"s3cret\"", "\"secret\":null", "channel.secret")]
    [InlineData("\"metric\":\"error_rate\",\"threshold\":0.1", "\"metric\":\"critical_threats\",\"threshold\":0", "filters")]
    public async Task Post_WhenAFieldIsInvalid_ShouldAnswer400NamingIt(string valid, string invalid, string field)
    {
        var response = await Post(ValidBody.Replace(valid, invalid, StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(field);
    }

    [Fact]
    public async Task Post_WhenTheChannelIsMissing_ShouldAnswer400NamingIt()
    {
        var response = await Post("""{"name":"n","metric":"requests","threshold":1,"window":"00:05:00"}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("channel");
    }

    [Fact]
    public async Task Post_WhenTheCallerIsAMember_ShouldAnswer403()
    {
        var response = await factory.ClientWithKey(factory.MemberKey).PostAsync("/api/admin/alert-rules", Json(ValidBody), TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<int> CreateAsync()
    {
        var response = await Post(ValidBody);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt32();
    }

    private Task<HttpResponseMessage> Post(string body) =>
        factory.Admin().PostAsync("/api/admin/alert-rules", Json(body), TestContext.Current.CancellationToken);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
