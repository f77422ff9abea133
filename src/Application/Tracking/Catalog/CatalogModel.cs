namespace CleanDashboard.Application.Tracking.Catalog;

/// <summary>One model of the catalog: its id, the rule its names match, and its prices in catalog order.</summary>
public sealed record CatalogModel(string Id, string? Name, MatchRule Match, IReadOnlyList<DatedPrice> Prices)
{
    /// <summary>The last price whose constraint holds at <paramref name="at"/> (one without a constraint always holds), else the first.</summary>
    public DatedPrice PriceAt(DateTime at)
    {
        for (var i = Prices.Count - 1; i >= 0; i--)
        {
            if (Prices[i].Constraint is null || Prices[i].Constraint!.AppliesAt(at))
            {
                return Prices[i];
            }
        }

        return Prices[0];
    }
}

/// <summary>A price and when it applies; <see cref="Constraint"/> is null for the price in force until the first change.</summary>
public sealed record DatedPrice(PriceConstraint? Constraint, ModelPrice Price);
