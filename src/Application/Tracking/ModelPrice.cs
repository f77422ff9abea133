using CleanDashboard.Application.Tracking.Catalog;

namespace CleanDashboard.Application.Tracking;

/// <summary>
/// USD per one million tokens of each kind: uncached input, output (reasoning included), and — when the model has them —
/// cache reads and cache writes. A kind without a price of its own is charged as input (genai-prices' rule), and a model
/// without an output price charges nothing for output (embeddings).
/// </summary>
public sealed record ModelPrice(TieredPrice? Input, TieredPrice? Output, TieredPrice? CacheRead = null, TieredPrice? CacheWrite = null)
{
    public static ModelPrice Flat(decimal inputPerMillion, decimal outputPerMillion, decimal? cacheReadPerMillion = null, decimal? cacheWritePerMillion = null) => new(
        TieredPrice.Flat(inputPerMillion),
        TieredPrice.Flat(outputPerMillion),
        cacheReadPerMillion is { } read ? TieredPrice.Flat(read) : null,
        cacheWritePerMillion is { } write ? TieredPrice.Flat(write) : null);

    /// <summary>Whether tokens can be priced at all (a model priced only per page, per second or per search cannot).</summary>
    public bool PricesTokens => Input is not null || Output is not null;
}
