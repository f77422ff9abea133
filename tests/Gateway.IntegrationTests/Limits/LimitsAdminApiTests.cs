using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;

namespace CleanDashboard.Gateway.IntegrationTests.Limits;

/// <summary>PUT and GET of limits: set, read, cleared by null, and bad input as a 400 problem naming the field.</summary>
public sealed class LimitsAdminApiTests(BudgetGatewayFixture gateway) : IClassFixture<BudgetGatewayFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutLimits_WhenEveryLimitIsSet_ShouldAnswerThemWithNothingSpentSinceTheDayStartedInBerlin()
    {
        var caller = await gateway.NewCallerAsync();
        var path = $"api/admin/api-keys/{caller.KeyId}/limits";

        var put = await LimitsClient.PutAsync(gateway, path, new { budgetUsd = 12.5m, budgetPeriod = "day", requestsPerMinute = 60, tokensPerMinute = 100000 });
        var get = await LimitsClient.GetAsync(gateway, path);

        foreach (var limits in new[] { put, get })
        {
            limits.GetProperty("budgetUsd").GetDecimal().Should().Be(12.5m);
            limits.GetProperty("budgetPeriod").GetString().Should().Be("day");
            limits.GetProperty("requestsPerMinute").GetInt32().Should().Be(60);
            limits.GetProperty("tokensPerMinute").GetInt32().Should().Be(100000);
            limits.GetProperty("spentUsd").GetDecimal().Should().Be(0m);
            limits.GetProperty("periodStart").GetString().Should().Be("2026-11-30T23:00:00Z");
        }
    }

    [Fact]
    public async Task PutLimits_WhenAFieldIsNullOrMissing_ShouldClearThatLimit()
    {
        var caller = await gateway.NewCallerAsync();
        var path = $"api/admin/api-keys/{caller.KeyId}/limits";
        await LimitsClient.PutAsync(gateway, path, new { budgetUsd = 1m, budgetPeriod = "month", requestsPerMinute = 5 });

        var cleared = await LimitsClient.PutAsync(gateway, path, new { budgetUsd = (decimal?)null, requestsPerMinute = 7 });

        cleared.GetRawText().Should().Be("""{"budgetUsd":null,"budgetPeriod":null,"requestsPerMinute":7,"tokensPerMinute":null,"spentUsd":null,"periodStart":null}""");
        (await LimitsClient.PutAsync(gateway, path, new { })).GetRawText().Should().Be(
            """{"budgetUsd":null,"budgetPeriod":null,"requestsPerMinute":null,"tokensPerMinute":null,"spentUsd":null,"periodStart":null}""");
    }

    [Theory]
    [InlineData("""{"budgetUsd":-0.01,"budgetPeriod":"day"}""", "budgetUsd")]
    [InlineData("""{"budgetUsd":"NaN","budgetPeriod":"day"}""", "budgetUsd")]
    [InlineData("""{"budgetUsd":0.00000000001,"budgetPeriod":"day"}""", "budgetUsd")]
    [InlineData("""{"budgetUsd":100000.01,"budgetPeriod":"day"}""", "budgetUsd")]
    [InlineData("""{"budgetUsd":1,"budgetPeriod":"year"}""", "budgetPeriod")]
    [InlineData("""{"budgetUsd":1,"budgetPeriod":"Day"}""", "budgetPeriod")]
    [InlineData("""{"budgetUsd":1}""", "budgetPeriod")]
    [InlineData("""{"budgetPeriod":"day"}""", "budgetPeriod")]
    [InlineData("""{"requestsPerMinute":0}""", "requestsPerMinute")]
    [InlineData("""{"requestsPerMinute":1.5}""", "requestsPerMinute")]
    [InlineData("""{"tokensPerMinute":-1}""", "tokensPerMinute")]
    [InlineData("""{"tokensPerMinute":"many"}""", "tokensPerMinute")]
    public async Task PutLimits_WhenAFieldIsInvalid_ShouldBe400NamingIt(string body, string field)
    {
        var caller = await gateway.NewCallerAsync();
        using var http = gateway.HttpClient(GatewayFixture.AdminKey);

        using var response = await http.PutAsync($"api/admin/api-keys/{caller.KeyId}/limits", new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(field);
    }

    [Theory]
    [InlineData("api/admin/api-keys/999999/limits")]
    [InlineData("api/admin/users/999999/limits")]
    public async Task Limits_WhenTheKeyOrUserDoesNotExist_ShouldBe404(string path)
    {
        using var http = gateway.HttpClient(GatewayFixture.AdminKey);

        using var get = await http.GetAsync(path, Cancellation);
        using var put = await http.PutAsJsonAsync(path, new { requestsPerMinute = 1 }, Cancellation);

        (get.StatusCode, put.StatusCode).Should().Be((HttpStatusCode.NotFound, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task PutLimits_WhenTheCallerIsAMember_ShouldBe403()
    {
        var caller = await gateway.NewCallerAsync();
        using var http = caller.Http();

        using var response = await http.PutAsJsonAsync($"api/admin/api-keys/{caller.KeyId}/limits", new { requestsPerMinute = 1000 }, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
