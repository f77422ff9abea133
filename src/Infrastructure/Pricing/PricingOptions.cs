namespace CleanDashboard.Infrastructure.Pricing;

/// <summary>
/// Configuration section <c>Pricing</c>: <c>pricing.json</c> shipped with the app, overridable per model by any
/// configuration source, e.g. <c>Pricing__Models__gpt-4o__InputPerMillion=2.5</c>.
/// </summary>
public sealed class PricingOptions
{
    public const string Section = "Pricing";

    public Dictionary<string, ModelPriceOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class ModelPriceOptions
{
    /// <summary>USD per one million prompt (input) tokens.</summary>
    public decimal InputPerMillion { get; set; }

    /// <summary>USD per one million completion (output) tokens.</summary>
    public decimal OutputPerMillion { get; set; }

    /// <summary>Other names of the same model, such as dated versions.</summary>
    public List<string> Aliases { get; set; } = [];
}
