using CleanDashboard.Application.Dashboard.Queries.GetDashboard;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.Pricing;
using CleanDashboard.Infrastructure.Tracking;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.IntegrationTests.Pricing;

/// <summary>
/// Recorded provider answers (the parser's fixtures), parsed, priced with the catalog the build exported from
/// @pydantic/genai-prices 0.1.8, written by the real batch writer and read back: each stored cost equals the invoice
/// amount worked by hand from the catalog's prices, and the dashboard's total equals their sum to 6 decimals.
/// </summary>
public sealed class CostReconciliationTests : IAsyncLifetime
{
    private static readonly DateTime At = new(2024, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>USD per million tokens; llama3.2 is self-hosted, so its price comes from configuration.</summary>
    private static readonly PricedModel Llama = new("llama3.2", 0.06m, 0.06m, []);

    private readonly TestDatabase _database = new();

    private static readonly (string Fixture, string? Provider, decimal Invoice)[] Invoices =
    [
        // o4-mini: (256 uncached × 1.10 + 1,280 cached × 0.275 + 420 output (384 reasoning) × 4.40) / 1e6 = 2,481.6 / 1e6
        ("openai-chat-cached-reasoning.json", "openai", 0.0024816m),

        // gpt-4o-mini, streamed: (200 × 0.15 + 800 cached × 0.075 + 100 × 0.60) / 1e6 = 150 / 1e6
        ("openai-chat-stream-cached.sse", "openai", 0.00015m),

        // o3 before its 2025-06-10 price cut: (1,024 × 10 + 1,024 cached × 0.50 + 650 × 40) / 1e6 = 36,752 / 1e6
        ("openai-responses.json", "openai", 0.036752m),

        // gpt-4.1, usage in response.completed: (37 × 2 + 11 × 8) / 1e6 = 162 / 1e6
        ("openai-responses-stream.sse", "openai", 0.000162m),

        // claude-sonnet-4: (21 × 3 + 188 cache writes × 3.75 + 2,048 cache reads × 0.30 + 393 × 15) / 1e6 = 7,277.4 / 1e6
        ("anthropic-messages-cache.json", "anthropic", 0.0072774m),

        // claude-3-5-haiku, streamed: (472 × 0.80 + 1,024 writes × 1 + 3,000 reads × 0.08 + 89 × 4) / 1e6 = 1,997.6 / 1e6
        ("anthropic-messages-stream-cache.sse", "anthropic", 0.0019976m),

        // llama3.2:latest (configured): (26 + 282) × 0.06 / 1e6 = 18.48 / 1e6
        ("ollama-chat.json", null, 0.00001848m),

        // llama3.2:latest, streamed: (31 + 3) × 0.06 / 1e6 = 2.04 / 1e6
        ("ollama-chat-stream.ndjson", null, 0.00000204m),
    ];

    public static TheoryData<string, string?, decimal> Answers => new(Invoices.Select(i => (i.Fixture, i.Provider, i.Invoice)));

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task StoredCost_ForARecordedAnswer_ShouldEqualTheInvoiceAmountExactly(string fixture, string? provider, decimal invoice)
    {
        var tracked = Tracked(Pricing(), fixture, provider, At);

        await WriteAsync([tracked]);

        var row = await _database.QueryAsync(db => db.RequestLogs.AsNoTracking().SingleAsync());
        row.CostUsd.Should().Be(invoice);
        (row.PromptTokens, row.CompletionTokens, row.CachedInputTokens, row.CacheCreationTokens, row.ReasoningTokens)
            .Should().Be((tracked.PromptTokens, tracked.CompletionTokens, tracked.CachedInputTokens, tracked.CacheCreationTokens, tracked.ReasoningTokens));
    }

    [Fact]
    public async Task Dashboard_OverEveryRecordedAnswer_ShouldTotalTheSumOfTheInvoicesToSixDecimals()
    {
        var pricing = Pricing();
        await WriteAsync(Invoices.Select((a, i) => Tracked(pricing, a.Fixture, a.Provider, At.AddMinutes(i))).ToList());

        // 0.0024816 + 0.00015 + 0.036752 + 0.000162 + 0.0072774 + 0.0019976 + 0.00001848 + 0.00000204 = 0.04884112
        var invoices = Invoices.Sum(a => a.Invoice);
        invoices.Should().Be(0.04884112m);
        var stored = await _database.QueryAsync(db => db.RequestLogs.AsNoTracking().Select(r => r.CostUsd).ToListAsync());
        stored.Sum().Should().Be(invoices);

        await using var scope = _database.Services.CreateAsyncScope();
        var dashboard = await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new GetDashboardQuery("custom", "2024-03-01T09:00:00Z", "2024-03-01T10:00:00Z"), TestContext.Current.CancellationToken);
        dashboard.Summary.TotalCost.Should().Be(0.048841m);
        dashboard.Summary.UnpricedRequests.Should().Be(0);
        dashboard.Costs.Sum(c => c.Cost).Should().Be(0.048841m);
    }

    private static PricingCatalog Pricing()
    {
        Assert.SkipUnless(File.Exists(PriceCatalogFile.DefaultPath), $"The build did not place the price catalog at {PriceCatalogFile.DefaultPath} (npm or node unavailable?).");
        var file = new PriceCatalogFile(Options.Create(new PricingOptions()), NullLogger<PriceCatalogFile>.Instance);
        return new PricingCatalog([Llama], file.Catalog);
    }

    /// <summary>What the tracking middleware makes of the answer: the usage parsed from the whole body, priced at its time for its provider.</summary>
    private static TrackedRequest Tracked(PricingCatalog pricing, string fixture, string? provider, DateTime at)
    {
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Tracking", "Fixtures", fixture));
        var contentType = Path.GetExtension(fixture) switch
        {
            ".sse" => "text/event-stream; charset=utf-8",
            ".ndjson" => "application/x-ndjson",
            _ => "application/json",
        };
        var usage = UsageParser.ParseResponse(contentType, body, [], complete: true);
        usage.HasTokens.Should().BeTrue($"{fixture} reports its usage");
        return new TrackedRequest
        {
            CreatedAt = at,
            Endpoint = "/v1/chat/completions",
            Method = "POST",
            StatusCode = 200,
            LatencyMs = 100,
            ModelName = usage.Model!,
            PromptTokens = usage.PromptTokens,
            CompletionTokens = usage.CompletionTokens,
            TotalTokens = usage.TotalTokens,
            CachedInputTokens = usage.CachedInputTokens,
            CacheCreationTokens = usage.CacheCreationTokens,
            ReasoningTokens = usage.ReasoningTokens,
            CostUsd = pricing.Cost(usage.Model, usage, at, provider),
        };
    }

    private Task<int> WriteAsync(List<TrackedRequest> batch) =>
        _database.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<RequestLogBatchWriter>().WriteAsync(batch, CancellationToken.None);
            return 0;
        });
}
