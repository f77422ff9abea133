namespace CleanDashboard.Application.Tracking.Catalog;

/// <summary>
/// The exact cost of one answer's tokens: uncached input (prompt − cache reads − cache writes) at the input price, cache
/// reads and writes at theirs, output (reasoning included) at the output price; tiers are chosen by the prompt tokens.
/// Nothing is rounded: storage keeps the exact amount.
/// </summary>
public static class TokenCost
{
    private const decimal PerMillion = 1_000_000m;

    /// <summary>Null when the answer reported no tokens or the price covers no tokens: never an invented zero.</summary>
    public static decimal? Calculate(ModelPrice price, TokenUsage usage)
    {
        if ((usage.PromptTokens is null && usage.CompletionTokens is null) || !price.PricesTokens)
        {
            return null;
        }

        long prompt = usage.PromptTokens ?? 0;
        long cacheReads = price.CacheRead is null ? 0 : Math.Min(usage.CachedInputTokens ?? 0, prompt);
        long cacheWrites = price.CacheWrite is null ? 0 : Math.Min(usage.CacheCreationTokens ?? 0, prompt - cacheReads);
        var uncached = prompt - cacheReads - cacheWrites;

        var amount = Charge(price.Input, uncached, prompt)
            + Charge(price.CacheRead, cacheReads, prompt)
            + Charge(price.CacheWrite, cacheWrites, prompt)
            + Charge(price.Output, usage.CompletionTokens ?? 0, prompt);
        return amount / PerMillion;
    }

    private static decimal Charge(TieredPrice? price, long tokens, long promptTokens) =>
        price is null || tokens <= 0 ? 0m : tokens * price.PerMillionFor(promptTokens);
}
