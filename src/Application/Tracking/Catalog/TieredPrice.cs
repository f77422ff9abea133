namespace CleanDashboard.Application.Tracking.Catalog;

/// <summary>
/// USD per million tokens: <see cref="Base"/>, or the price of the last tier whose <see cref="PriceTier.Start"/> the
/// request's input tokens exceed — applied to all of that kind's tokens, as genai-prices does.
/// </summary>
public sealed record TieredPrice(decimal Base, IReadOnlyList<PriceTier> Tiers)
{
    public static TieredPrice Flat(decimal perMillion) => new(perMillion, []);

    public decimal PerMillionFor(long inputTokens)
    {
        var price = Base;
        foreach (var tier in Tiers)
        {
            if (inputTokens > tier.Start)
            {
                price = tier.Price;
            }
        }

        return price;
    }
}

/// <summary>From more than <see cref="Start"/> input tokens on, <see cref="Price"/> USD per million.</summary>
public sealed record PriceTier(long Start, decimal Price);
