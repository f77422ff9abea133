using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanDashboard.Application.Budgets;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.WebApi.IntegrationTests.Scale;

/// <summary>
/// One key's daily budget enforced once across two instances sharing PostgreSQL and Redis: the counters and
/// reservations are in Redis, so the budget is not granted per instance. Each chat of <see cref="InstancePair.Prompt"/>
/// costs 3 × 0.001 + 4 × 0.002 = $0.011; a budget of $0.05 covers 4 of them (0.044), not 5 (0.055).
/// </summary>
[Trait("Database", "Independent")]
public sealed class TwoInstancesBudgetTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Chats_WhenTwentyArriveAtOnceThroughBothInstances_ShouldAdmitOnlyTheFourTheKeysBudgetCovers()
    {
        await using var pair = await InstancePair.StartAsync(TimeProvider.System, TimeProvider.System);
        var (keyId, key) = await NewKeyAsync(pair);
        using (var admin = InstancePair.ClientOf(pair.A, InstancePair.AdminKey))
        {
            using var put = await admin.PutAsJsonAsync($"/api/admin/api-keys/{keyId}/limits", new { budgetUsd = 0.05m, budgetPeriod = "day" });
            put.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await WaitUntilKnownAsync(pair.B, keyId)).Should().BeTrue("B reloads the limits A stored within Budgets:ReconcileInterval");
        using var throughA = InstancePair.ClientOf(pair.A, key);
        using var throughB = InstancePair.ClientOf(pair.B, key);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => ChatAsync(i % 2 == 0 ? throughA : throughB)));

        statuses.Count(s => s == HttpStatusCode.OK).Should().Be(4);
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).Should().Be(16);
        (await ChatAsync(throughB)).Should().Be(HttpStatusCode.TooManyRequests);
        (await pair.WaitForRequestLogsAsync(21)).Should().Be(21);
        using var adminB = InstancePair.ClientOf(pair.B, InstancePair.AdminKey);
        var spent = await SpentWhenAsync(adminB, keyId, 0.044m);
        spent.Should().Be(0.044m, "B reads the spend both instances settled in Redis");
    }

    private static async Task<HttpStatusCode> ChatAsync(HttpClient client)
    {
        using var body = new StringContent($$"""{"model":"demo-echo","messages":[{"role":"user","content":"{{InstancePair.Prompt}}"}]}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/v1/chat/completions", body);
        return response.StatusCode;
    }

    private static async Task<(int Id, string Key)> NewKeyAsync(InstancePair pair)
    {
        using var admin = InstancePair.ClientOf(pair.A, InstancePair.AdminKey);
        using var response = await admin.PostAsJsonAsync("/api/admin/api-keys", new { userName = "scale-member", keyName = "budgeted" });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (created.RootElement.GetProperty("id").GetInt32(), created.RootElement.GetProperty("key").GetString()!);
    }

    private static async Task<bool> WaitUntilKnownAsync(AppInstance instance, int keyId)
    {
        var registry = instance.Services.GetRequiredService<SpendLimitsRegistry>();
        var deadline = DateTime.UtcNow + Wait;
        while (registry.Find(LimitSubject.ApiKey(keyId)) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    private static async Task<decimal> SpentWhenAsync(HttpClient admin, int keyId, decimal expected)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            using var limits = JsonDocument.Parse(await admin.GetStringAsync($"/api/admin/api-keys/{keyId}/limits"));
            var spent = limits.RootElement.GetProperty("spentUsd").GetDecimal();
            if (spent == expected || DateTime.UtcNow > deadline)
            {
                return spent;
            }

            await Task.Delay(20);
        }
    }
}
