using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanDashboard.Application.Budgets;
using CleanDashboard.Infrastructure.Budgets;
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

        (await ReloadUntilKnownAsync(pair.B, keyId)).Should().BeTrue("B's reconciler reloads the limits A stored");
        using var throughA = InstancePair.ClientOf(pair.A, key);
        using var throughB = InstancePair.ClientOf(pair.B, key);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => ChatAsync(i % 2 == 0 ? throughA : throughB)));

        statuses.Count(s => s == HttpStatusCode.OK).Should().Be(4);
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).Should().Be(16);
        (await ChatAsync(throughB)).Should().Be(HttpStatusCode.TooManyRequests);
        (await pair.WaitForRequestLogsAsync(21)).Should().Be(21);
        using var adminB = InstancePair.ClientOf(pair.B, InstancePair.AdminKey);
        await pair.Settlements.WaitForAsync(LimitSubject.ApiKey(keyId), 4);
        using var limits = JsonDocument.Parse(await adminB.GetStringAsync($"/api/admin/api-keys/{keyId}/limits"));
        limits.RootElement.GetProperty("spentUsd").GetDecimal().Should().Be(0.044m, "B reads the spend both instances settled in Redis");
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

    /// <summary>
    /// Runs B's reconciler (which also runs every Budgets:ReconcileInterval) until it knows the key's limits: a pass of the
    /// timer that read the database before A's change may win the race to replace the registry, so a few passes are allowed.
    /// </summary>
    private static async Task<bool> ReloadUntilKnownAsync(AppInstance instance, int keyId)
    {
        var registry = instance.Services.GetRequiredService<SpendLimitsRegistry>();
        var reconciler = instance.Services.GetRequiredService<SpendReconciler>();
        for (var pass = 0; pass < 5 && registry.Find(LimitSubject.ApiKey(keyId)) is null; pass++)
        {
            await reconciler.ReconcileOnceAsync(CancellationToken.None);
        }

        return registry.Find(LimitSubject.ApiKey(keyId)) is not null;
    }
}
