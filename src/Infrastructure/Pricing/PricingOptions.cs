namespace CleanDashboard.Infrastructure.Pricing;

/// <summary>
/// Configuration section <c>Pricing</c>: per-model prices that override the catalog — <c>pricing.json</c> shipped with
/// the app, overridable by any configuration source, e.g. <c>Pricing__Models__gpt-4o__InputPerMillion=2.5</c> — and
/// where the catalog file is.
/// </summary>
public sealed class PricingOptions
{
    public const string Section = "Pricing";

    public Dictionary<string, ModelPriceOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The genai-prices catalog exported by the build; default <c>Pricing/genai-prices.json</c> beside the app.</summary>
    public string? CatalogPath { get; set; }
}

public sealed class ModelPriceOptions
{
    /// <summary>USD per one million prompt (input) tokens.</summary>
    public decimal InputPerMillion { get; set; }

    /// <summary>USD per one million completion (output) tokens, reasoning included.</summary>
    public decimal OutputPerMillion { get; set; }

    /// <summary>USD per one million input tokens read from the prompt cache; unset: charged as input.</summary>
    public decimal? CachedInputPerMillion { get; set; }

    /// <summary>USD per one million input tokens written to the prompt cache; unset: charged as input.</summary>
    public decimal? CacheWritePerMillion { get; set; }

    /// <summary>Other names of the same model, such as dated versions.</summary>
    public List<string> Aliases { get; set; } = [];
}
