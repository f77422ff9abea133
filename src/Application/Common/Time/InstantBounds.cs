namespace CleanDashboard.Application.Common.Time;

/// <summary>
/// The instants a query may name: from the Unix epoch up to the start of year 9999, so adding the hours and days of
/// buckets, rollups and "the day after" to any accepted instant can never pass <see cref="DateTime.MaxValue"/>.
/// </summary>
public static class InstantBounds
{
    public static readonly DateTime Earliest = DateTime.UnixEpoch;

    /// <summary>Exclusive.</summary>
    public static readonly DateTime Latest = new(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public const string Description = "from 1970-01-01T00:00:00Z up to (not including) 9999-01-01T00:00:00Z";

    public static bool Contains(DateTime utc) => utc >= Earliest && utc < Latest;
}
