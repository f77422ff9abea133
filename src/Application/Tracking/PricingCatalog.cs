using System.Collections.Frozen;
using CleanDashboard.Application.Tracking.Catalog;

namespace CleanDashboard.Application.Tracking;

/// <summary>
/// Prices a model: a <c>Pricing:Models</c> entry (configuration and pricing.json; by name or alias, case-insensitive, an
/// Ollama tag such as ":latest" ignored when the tagged name is not listed) wins over the maintained catalog, which is
/// searched by its own rules for the upstream's provider. An unknown model or missing usage costs <c>null</c>, never an
/// invented zero.
/// </summary>
public sealed class PricingCatalog
{
    private readonly FrozenDictionary<string, (string Name, ModelPrice Price)> _overrides;

    public PricingCatalog(IEnumerable<PricedModel> overrides, PriceCatalog? catalog = null)
    {
        var prices = new Dictionary<string, (string, ModelPrice)>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in overrides)
        {
            var price = ModelPrice.Flat(model.InputPerMillion, model.OutputPerMillion, model.CachedInputPerMillion, model.CacheWritePerMillion);
            prices[model.Name] = (model.Name, price);
            foreach (var alias in model.Aliases)
            {
                prices[alias] = (model.Name, price);
            }
        }

        _overrides = prices.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Catalog = catalog ?? PriceCatalog.Empty;
    }

    public PriceCatalog Catalog { get; }

    /// <summary>The price of <paramref name="model"/> in force at <paramref name="at"/>, and where it came from; null when unknown.</summary>
    public PriceQuote? Find(string? model, DateTime at, string? provider = null)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        if (FindOverride(model) is { } configured)
        {
            return new PriceQuote(configured.Name, null, PriceSource.Configuration, configured.Price);
        }

        if (Catalog.Find(model, provider) is not { } match)
        {
            return null;
        }

        var dated = match.Model.PriceAt(at);
        return new PriceQuote(match.Model.Id, match.Provider.Id, PriceSource.Catalog, dated.Price)
        {
            CatalogModelName = match.Model.Name,
            Constraint = dated.Constraint,
        };
    }

    /// <summary>
    /// The exact cost of one answer's usage at the price in force at <paramref name="at"/>, for the upstream's
    /// <paramref name="provider"/> (catalog id or API URL) when known; null when the price is unknown or the answer reported no tokens.
    /// </summary>
    public decimal? Cost(string? model, TokenUsage usage, DateTime at, string? provider = null) =>
        Find(model, at, provider) is { } quote ? TokenCost.Calculate(quote.Price, usage) : null;

    private (string Name, ModelPrice Price)? FindOverride(string model)
    {
        if (_overrides.TryGetValue(model, out var price))
        {
            return price;
        }

        var tag = model.LastIndexOf(':');
        return tag > 0 && _overrides.TryGetValue(model[..tag], out price) ? price : null;
    }
}

/// <summary>One entry of pricing.json / the <c>Pricing:Models</c> configuration section.</summary>
public sealed record PricedModel(
    string Name,
    decimal InputPerMillion,
    decimal OutputPerMillion,
    IReadOnlyList<string> Aliases,
    decimal? CachedInputPerMillion = null,
    decimal? CacheWritePerMillion = null);

/// <summary>Where a price came from.</summary>
public enum PriceSource
{
    Configuration,
    Catalog,
}

/// <summary>
/// The price a model is charged: the matched entry (<see cref="Model"/>: the configured name or the catalog's model id),
/// and the catalog provider it was found under (null for a configured price).
/// </summary>
public sealed record PriceQuote(string Model, string? Provider, PriceSource Source, ModelPrice Price)
{
    public string? CatalogModelName { get; init; }

    /// <summary>The catalog's condition for this price (a start date or an off-peak window); null when unconditional.</summary>
    public PriceConstraint? Constraint { get; init; }

    /// <summary>Since when the price holds; null for the catalog's first price of the model, or a configured one.</summary>
    public DateTime? StartsAt => (Constraint as StartDateConstraint)?.Start;
}
