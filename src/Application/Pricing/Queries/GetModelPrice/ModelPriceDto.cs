using CleanDashboard.Application.Tracking;
using CleanDashboard.Application.Tracking.Catalog;

namespace CleanDashboard.Application.Pricing.Queries.GetModelPrice;

/// <summary>
/// The effective price of a model: the entry that matched (<see cref="MatchedModel"/>), the catalog provider, whether it
/// came from configuration, since when it holds, and USD per million tokens of each kind (null: charged as input, or for
/// output: nothing).
/// </summary>
public sealed record ModelPriceDto(
    string Model,
    string MatchedModel,
    string? MatchedModelName,
    string? Provider,
    string Source,
    bool FromConfiguration,
    DateTime At,
    DateTime? PriceStartsAt,
    string? Condition,
    TokenPriceDto? Input,
    TokenPriceDto? Output,
    TokenPriceDto? CacheRead,
    TokenPriceDto? CacheWrite)
{
    public static ModelPriceDto From(string model, DateTime at, PriceQuote quote) => new(
        model,
        quote.Model,
        quote.CatalogModelName,
        quote.Provider,
        quote.Source == PriceSource.Configuration ? "configuration" : "catalog",
        quote.Source == PriceSource.Configuration,
        at,
        quote.StartsAt,
        quote.Constraint is TimeOfDayConstraint window ? $"between {window.StartUtc:hh\\:mm} and {window.EndUtc:hh\\:mm} UTC" : null,
        TokenPriceDto.From(quote.Price.Input),
        TokenPriceDto.From(quote.Price.Output),
        TokenPriceDto.From(quote.Price.CacheRead),
        TokenPriceDto.From(quote.Price.CacheWrite));
}

/// <summary>USD per million tokens, and the higher prices charged for every token once the prompt exceeds a tier's start.</summary>
public sealed record TokenPriceDto(decimal PerMillion, IReadOnlyList<PriceTierDto> Tiers)
{
    public static TokenPriceDto? From(TieredPrice? price) =>
        price is null ? null : new TokenPriceDto(price.Base, [.. price.Tiers.Select(t => new PriceTierDto(t.Start, t.Price))]);
}

/// <summary>From more than <see cref="AboveInputTokens"/> prompt tokens on, <see cref="PerMillion"/> USD per million.</summary>
public sealed record PriceTierDto(long AboveInputTokens, decimal PerMillion);
