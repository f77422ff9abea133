using CleanDashboard.Domain.Entities.Rollups;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>A span of time read from the raw rows; its end is included only where the window's own end is.</summary>
public readonly record struct RawSlice(DateTime From, DateTime To, bool IncludesTo);

/// <summary>A half-open span <c>[From, To)</c> of whole buckets, read from a rollup table.</summary>
public readonly record struct BucketSpan(DateTime From, DateTime To);

/// <summary>
/// How a dashboard window <c>[from, to]</c> splits into whole days (daily rollups), whole hours (hourly rollups)
/// and partial hours at either edge (raw rows). The parts never overlap and together cover the window exactly,
/// so sums over them equal a sum over the raw rows of the whole window.
/// </summary>
public sealed record RollupPlan(IReadOnlyList<RawSlice> Raw, IReadOnlyList<BucketSpan> Hours, BucketSpan? Days)
{
    /// <summary>The whole window from raw rows: the straightforward aggregation the rollups must agree with.</summary>
    public static RollupPlan RawOnly(DateTime from, DateTime to) => new([new RawSlice(from, to, IncludesTo: true)], [], null);

    /// <param name="useDays">False when the answer is needed per hour, which daily rollups cannot give.</param>
    public static RollupPlan For(DateTime from, DateTime to, bool useDays)
    {
        var firstHour = CeilingHour(from);
        var endHour = RollupMath.HourOf(to);
        if (firstHour >= endHour)
        {
            return RawOnly(from, to);
        }

        var raw = new List<RawSlice>(2);
        if (from < firstHour)
        {
            raw.Add(new RawSlice(from, firstHour, IncludesTo: false));
        }

        raw.Add(new RawSlice(endHour, to, IncludesTo: true));

        var firstDay = CeilingDay(firstHour);
        var endDay = RollupMath.DayOf(endHour);
        if (!useDays || firstDay >= endDay)
        {
            return new RollupPlan(raw, [new BucketSpan(firstHour, endHour)], null);
        }

        var hours = new List<BucketSpan>(2);
        if (firstHour < firstDay)
        {
            hours.Add(new BucketSpan(firstHour, firstDay));
        }

        if (endDay < endHour)
        {
            hours.Add(new BucketSpan(endDay, endHour));
        }

        return new RollupPlan(raw, hours, new BucketSpan(firstDay, endDay));
    }

    /// <summary>
    /// The same plan with its raw tail (which starts on an hour) read from that hour's rollup instead: only when the
    /// caller has seen that no row of the hour lies after the window's end, so the whole hour equals the tail.
    /// </summary>
    public RollupPlan WithTailFromHourlyRollup()
    {
        var tail = Raw[^1];
        return new RollupPlan(Raw.Take(Raw.Count - 1).ToList(), [.. Hours, new BucketSpan(tail.From, tail.From.AddHours(1))], Days);
    }

    private static DateTime CeilingHour(DateTime value)
    {
        var hour = RollupMath.HourOf(value);
        return hour == value ? hour : hour.AddHours(1);
    }

    private static DateTime CeilingDay(DateTime value)
    {
        var day = RollupMath.DayOf(value);
        return day == value ? day : day.AddDays(1);
    }
}
