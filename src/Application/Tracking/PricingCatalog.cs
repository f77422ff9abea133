using System.Collections.Frozen;
using CleanDashboard.Application.Dashboard.Common;

namespace CleanDashboard.Application.Tracking;

/// <summary>
/// Prices by model name or alias (case-insensitive; an Ollama tag such as ":latest" is ignored when the
/// tagged name is not listed). An unknown model or missing usage costs <c>null</c>, never an invented zero.
/// </summary>
public sealed class PricingCatalog
{
    private readonly FrozenDictionary<string, ModelPrice> _prices;

    public PricingCatalog(IEnumerable<PricedModel> models)
    {
        var prices = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            var price = new ModelPrice(model.InputPerMillion, model.OutputPerMillion);
            prices[model.Name] = price;
            foreach (var alias in model.Aliases)
            {
                prices[alias] = price;
            }
        }

        _prices = prices.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public int Count => _prices.Count;

    public ModelPrice? Find(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        if (_prices.TryGetValue(model, out var price))
        {
            return price;
        }

        var tag = model.LastIndexOf(':');
        return tag > 0 && _prices.TryGetValue(model[..tag], out price) ? price : null;
    }

    /// <summary>
    /// The cost of one answer's usage at the price in force at <paramref name="at"/>, for the upstream's
    /// <paramref name="provider"/> when known; null when the price is unknown or the answer reported no tokens.
    /// </summary>
    public decimal? Cost(string? model, TokenUsage usage, DateTime at, string? provider = null) =>
        Cost(model, usage.PromptTokens, usage.CompletionTokens);

    /// <summary>Cost in USD, 4 decimals; null when the price is unknown or the answer reported no prompt tokens.</summary>
    public decimal? Cost(string? model, int? promptTokens, int? completionTokens)
    {
        if (promptTokens is null || Find(model) is not { } price)
        {
            return null;
        }

        var cost = ((promptTokens.Value * price.InputPerMillion) + ((completionTokens ?? 0) * price.OutputPerMillion)) / 1_000_000m;
        return Rounding.Money(cost);
    }
}

/// <summary>One entry of pricing.json / the <c>Pricing:Models</c> configuration section.</summary>
public sealed record PricedModel(string Name, decimal InputPerMillion, decimal OutputPerMillion, IReadOnlyList<string> Aliases);
