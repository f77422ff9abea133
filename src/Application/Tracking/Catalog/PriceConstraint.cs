namespace CleanDashboard.Application.Tracking.Catalog;

/// <summary>When a catalog price applies (genai-prices' <c>constraint</c>).</summary>
public abstract record PriceConstraint
{
    public abstract bool AppliesAt(DateTime at);
}

/// <summary>From <see cref="Start"/> (UTC midnight of the catalog's <c>start_date</c>) on.</summary>
public sealed record StartDateConstraint(DateTime Start) : PriceConstraint
{
    public override bool AppliesAt(DateTime at) => at >= Start;
}

/// <summary>Between two UTC times of day (off-peak prices); an end before the start spans midnight.</summary>
public sealed record TimeOfDayConstraint(TimeSpan StartUtc, TimeSpan EndUtc) : PriceConstraint
{
    public override bool AppliesAt(DateTime at)
    {
        var time = at.TimeOfDay;
        return EndUtc < StartUtc ? time >= StartUtc || time < EndUtc : time >= StartUtc && time < EndUtc;
    }
}
