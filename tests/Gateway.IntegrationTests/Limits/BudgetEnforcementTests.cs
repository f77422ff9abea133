using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Text;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using CleanDashboard.Application.Budgets;
using CleanDashboard.Gateway.IntegrationTests.Infrastructure;
using OllamaSharp.Models.Chat;
using OpenAI.Chat;

namespace CleanDashboard.Gateway.IntegrationTests.Limits;

/// <summary>
/// Budgets and per-minute limits enforced by the gateway, as the official SDKs meet them. Costs by hand (see
/// <see cref="BudgetGatewayFixture"/>): "Hello budget world" $0.000011, "Hi" $0.000005. The fake clock stands at 22:30:30
/// UTC until a test moves it; the day's period ends at 23:00 UTC (midnight in Berlin).
/// </summary>
public sealed class BudgetEnforcementTests(BudgetGatewayFixture gateway) : IClassFixture<BudgetGatewayFixture>
{
    private const string Eleven = "Hello budget world";
    private const string Five = "Hi";
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAIChat_WhenTheKeysDailyBudgetIsReached_ShouldLetExactlyTheRequestsWhoseCostsFitThenRaiseInsufficientQuota()
    {
        var caller = await gateway.NewCallerAsync();
        var path = $"api/admin/api-keys/{caller.KeyId}/limits";
        await LimitsClient.PutAsync(gateway, path, new { budgetUsd = 0.001m, budgetPeriod = "day" });
        var chat = caller.OpenAI().GetChatClient("demo-echo");

        // 90 × 0.000011 = 0.00099; a 91st would make 0.001001 > 0.001.
        for (var i = 0; i < 90; i++)
        {
            await chat.CompleteChatAsync([new UserChatMessage(Eleven)], cancellationToken: Cancellation);
        }

        var act = () => chat.CompleteChatAsync([new UserChatMessage(Eleven)], cancellationToken: Cancellation);
        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;

        var secondsLeft = (int)(new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc) - gateway.Clock.GetUtcNow().UtcDateTime).TotalSeconds;
        error.Status.Should().Be(429);
        error.Message.Should().Be(
            $"HTTP 429 (insufficient_quota: insufficient_quota)\n\nThis request would exceed the spend budget of this API key ($0.001) for this period; the next period starts in {secondsLeft} seconds (retry-after).");
        var headers = error.GetRawResponse()!.Headers;
        headers.TryGetValue("retry-after", out var retryAfter).Should().BeTrue();
        headers.TryGetValue("x-ratelimit-limit-budget-usd", out var limit).Should().BeTrue();
        headers.TryGetValue("x-ratelimit-reset-budget-usd", out var reset).Should().BeTrue();
        (retryAfter, limit, reset).Should().Be((secondsLeft.ToString(CultureInfo.InvariantCulture), "0.001", secondsLeft + "s"));

        // 0.00099 + 0.000005 = 0.000995, + 0.000005 = 0.001 exactly: both fit; a third would not.
        await chat.CompleteChatAsync([new UserChatMessage(Five)], cancellationToken: Cancellation);
        await chat.CompleteChatAsync([new UserChatMessage(Five)], cancellationToken: Cancellation);
        var third = () => chat.CompleteChatAsync([new UserChatMessage(Five)], cancellationToken: Cancellation);
        (await third.Should().ThrowAsync<ClientResultException>()).Which.Status.Should().Be(429);

        await gateway.Settlements.WaitForAsync(LimitSubject.ApiKey(caller.KeyId), 92);
        var limits = await LimitsClient.GetAsync(gateway, path);
        limits.GetProperty("spentUsd").GetDecimal().Should().Be(0.001m);
        limits.GetProperty("budgetUsd").GetDecimal().Should().Be(0.001m);
        limits.GetProperty("budgetPeriod").GetString().Should().Be("day");
        limits.GetProperty("periodStart").GetString().Should().Be("2026-11-30T23:00:00Z");
        var rows = await caller.RequestLogsAsync(94);
        rows.Should().HaveCount(94);
        rows.Count(r => r.StatusCode == 200).Should().Be(92);
        rows.Where(r => r.StatusCode == 429).Select(r => (r.Endpoint, r.ModelName, r.CostUsd)).Should().Equal(
            ("/v1/chat/completions", "demo-echo", null), ("/v1/chat/completions", "demo-echo", null));
        rows.Sum(r => r.CostUsd).Should().Be(0.001m);
    }

    [Fact]
    public async Task OpenAIChat_WhenTwentyRequestsArriveAtOnce_ShouldAdmitOnlyTheSevenTheBudgetCovers()
    {
        var caller = await gateway.NewCallerAsync();
        var path = $"api/admin/api-keys/{caller.KeyId}/limits";

        // 7 × 0.000011 = 0.000077 ≤ 0.00008 < 8 × 0.000011: each admitted request holds its estimate until it is settled.
        await LimitsClient.PutAsync(gateway, path, new { budgetUsd = 0.00008m, budgetPeriod = "week" });
        using var http = caller.Http();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var body = new StringContent($$"""{"model":"demo-echo","messages":[{"role":"user","content":"{{Eleven}}"}]}""", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("v1/chat/completions", body, Cancellation);
            return response.StatusCode;
        }));

        statuses.Count(s => s == HttpStatusCode.OK).Should().Be(7);
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).Should().Be(13);
        await gateway.Settlements.WaitForAsync(LimitSubject.ApiKey(caller.KeyId), 7);
        var limits = await LimitsClient.GetAsync(gateway, path);
        limits.GetProperty("spentUsd").GetDecimal().Should().Be(0.000077m);
        limits.GetProperty("periodStart").GetString().Should().Be("2026-11-29T23:00:00Z", "the week starts on Monday 30 November, midnight in Berlin");
    }

    [Fact]
    public async Task OllamaChat_WhenTheBudgetIsZero_ShouldAnswer429InOllamasShape()
    {
        var caller = await gateway.NewCallerAsync();
        await LimitsClient.PutAsync(gateway, $"api/admin/api-keys/{caller.KeyId}/limits", new { budgetUsd = 0m, budgetPeriod = "month" });

        var act = async () =>
        {
            await foreach (var _ in caller.Ollama().ChatAsync(new ChatRequest { Model = "demo-echo", Messages = [new OllamaSharp.Models.Chat.Message(OllamaSharp.Models.Chat.ChatRole.User, Five)] }, Cancellation))
            {
            }
        };

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        using var http = caller.Http();
        using var raw = await http.PostAsync("ollama/api/chat", new StringContent("""{"model":"demo-echo","messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"), Cancellation);
        var secondsLeft = (int)(new DateTime(2026, 12, 31, 23, 0, 0, DateTimeKind.Utc) - gateway.Clock.GetUtcNow().UtcDateTime).TotalSeconds;
        raw.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        raw.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(secondsLeft), "December's period ends at midnight of 1 January in Berlin");
        (await raw.Content.ReadAsStringAsync(Cancellation)).Should().Be(
            $$"""{"error":"This request would exceed the spend budget of this API key ($0) for this period; the next period starts in {{secondsLeft}} seconds (retry-after)."}""");
        var rows = await caller.RequestLogsAsync(2);
        rows.Select(r => (r.Endpoint, r.StatusCode, r.ModelName)).Should().Equal(("/ollama/api/chat", 429, "demo-echo"), ("/ollama/api/chat", 429, "demo-echo"));
    }

    [Fact]
    public async Task AnthropicMessages_WhenTheUsersBudgetIsReachedThroughAnotherKey_ShouldRaiseTheSdksRateLimitError()
    {
        var (userId, first, second) = await gateway.NewUserWithTwoKeysAsync("budget-user");
        await LimitsClient.PutAsync(gateway, $"api/admin/users/{userId}/limits", new { budgetUsd = 0.000011m, budgetPeriod = "day" });
        await first.OpenAI().GetChatClient("demo-echo").CompleteChatAsync([new UserChatMessage(Eleven)], cancellationToken: Cancellation);

        var act = () => second.Anthropic().Messages.Create(
            new MessageCreateParams { Model = "demo-echo", MaxTokens = 10, Messages = [new UserMessageParam { Content = Five }] }, Cancellation);

        var error = (await act.Should().ThrowAsync<AnthropicRateLimitException>()).Which;
        error.Type!.Raw().Should().Be("rate_limit_error");
        error.ApiMessage.Should().StartWith("This request would exceed the spend budget of this key's user ($0.000011) for this period;");
        await gateway.Settlements.WaitForAsync(LimitSubject.User(userId), 1);
        var limits = await LimitsClient.GetAsync(gateway, $"api/admin/users/{userId}/limits");
        limits.GetProperty("spentUsd").GetDecimal().Should().Be(0.000011m);
        (await second.SingleRequestLogAsync()).StatusCode.Should().Be(429);
    }

    [Fact]
    public async Task OpenAIChat_WhenRequestsPerMinuteAreUsed_ShouldRaiseRateLimitExceededUntilTheNextMinute()
    {
        var caller = await gateway.NewCallerAsync();
        await LimitsClient.PutAsync(gateway, $"api/admin/api-keys/{caller.KeyId}/limits", new { requestsPerMinute = 2 });
        var chat = caller.OpenAI().GetChatClient("demo-echo");
        await chat.CompleteChatAsync([new UserChatMessage(Five)], cancellationToken: Cancellation);
        await chat.CompleteChatAsync([new UserChatMessage(Five)], cancellationToken: Cancellation);

        var act = () => chat.CompleteChatAsync([new UserChatMessage(Five)], cancellationToken: Cancellation);

        var toNextMinute = 60 - gateway.Clock.GetUtcNow().Second;
        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;
        (error.Status, error.Message).Should().Be((429,
            $"HTTP 429 (requests: rate_limit_exceeded)\n\nRequests per minute of this API key reached (2); retry after {toNextMinute} seconds (retry-after)."));
        var headers = error.GetRawResponse()!.Headers;
        headers.TryGetValue("x-ratelimit-limit-requests", out var limit).Should().BeTrue();
        headers.TryGetValue("x-ratelimit-remaining-requests", out var remaining).Should().BeTrue();
        headers.TryGetValue("x-ratelimit-reset-requests", out var reset).Should().BeTrue();
        (limit, remaining, reset).Should().Be(("2", "0", toNextMinute + "s"));

        gateway.Clock.Advance(TimeSpan.FromSeconds(toNextMinute));
        await chat.CompleteChatAsync([new UserChatMessage(Five)], cancellationToken: Cancellation);
        (await caller.RequestLogsAsync(4)).Select(r => r.StatusCode).Should().Equal(200, 200, 429, 200);
    }

    [Fact]
    public async Task OpenAIChat_WhenTokensPerMinuteWouldBeExceeded_ShouldRaiseRateLimitExceededNamingTokens()
    {
        var caller = await gateway.NewCallerAsync();

        // "Hello budget world" is 3 + 4 = 7 tokens: one fits under 10, a second would make 14.
        await LimitsClient.PutAsync(gateway, $"api/admin/api-keys/{caller.KeyId}/limits", new { tokensPerMinute = 10 });
        var chat = caller.OpenAI().GetChatClient("demo-echo");
        await chat.CompleteChatAsync([new UserChatMessage(Eleven)], cancellationToken: Cancellation);

        var act = () => chat.CompleteChatAsync([new UserChatMessage(Eleven)], cancellationToken: Cancellation);

        var error = (await act.Should().ThrowAsync<ClientResultException>()).Which;
        error.Message.Should().StartWith("HTTP 429 (requests: rate_limit_exceeded)\n\nTokens per minute of this API key reached (10); retry after ");
        error.GetRawResponse()!.Headers.TryGetValue("x-ratelimit-limit-tokens", out var limit).Should().BeTrue();
        limit.Should().Be("10");
    }

    [Fact]
    public async Task OpenAIStreamingChat_WhenTheBudgetCoversOneStream_ShouldSettleTheStreamsRealCostAndRefuseTheNext()
    {
        var caller = await gateway.NewCallerAsync();
        var path = $"api/admin/api-keys/{caller.KeyId}/limits";
        await LimitsClient.PutAsync(gateway, path, new { budgetUsd = 0.000015m, budgetPeriod = "day" });
        var chat = caller.OpenAI().GetChatClient("demo-echo");

        var words = new List<string>();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage(Eleven)], cancellationToken: Cancellation))
        {
            words.AddRange(update.ContentUpdate.Select(p => p.Text));
        }

        string.Concat(words).Should().Be("Echo: Hello budget world");
        await gateway.Settlements.WaitForAsync(LimitSubject.ApiKey(caller.KeyId), 1);
        (await LimitsClient.GetAsync(gateway, path)).GetProperty("spentUsd").GetDecimal().Should().Be(0.000011m);
        var act = async () =>
        {
            await foreach (var _ in chat.CompleteChatStreamingAsync([new UserChatMessage(Eleven)], cancellationToken: Cancellation))
            {
            }
        };
        (await act.Should().ThrowAsync<ClientResultException>()).Which.Status.Should().Be(429);
    }

    [Fact]
    public async Task OllamaLegacyEmbeddings_WhenTheKeyHasABudget_ShouldAnswerAndSpendNothingWithoutReportedUsage()
    {
        var caller = await gateway.NewCallerAsync();
        var path = $"api/admin/api-keys/{caller.KeyId}/limits";

        // The estimate is the prompt's 3 words at $1 per million (0.000003), which fits; the answer reports no usage, so nothing is spent.
        await LimitsClient.PutAsync(gateway, path, new { budgetUsd = 0.000003m, budgetPeriod = "day" });
        using var http = caller.Http();

        using var response = await http.PostAsync("ollama/api/embeddings", new StringContent($$"""{"model":"demo-echo","prompt":"{{Eleven}}"}""", Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await caller.SingleRequestLogAsync()).CostUsd.Should().BeNull();
        (await LimitsClient.GetAsync(gateway, path)).GetProperty("spentUsd").GetDecimal().Should().Be(0m);
    }
}
