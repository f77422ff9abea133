using CleanDashboard.Domain.Entities.Rollups;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>A span of time read from the raw rows; its end is included only where the window's own end is.</summary>
public readonly record struct RawSlice(DateTime From, DateTime To, bool IncludesTo);

/// <summary>A half-open span <c>[From, To)</c> of whole buckets, read from a rollup table.</summary>
public readonly record struct BucketSpan(DateTime From, DateTime To);

/// <summary>
/// How a dashboard window <c>[from, to]</c> splits into whole UTC days (daily rollups), whole hours (hourly rollups)
/// and partial hours at the edges (raw rows). The parts never overlap and together cover the window exactly,
/// so sums over them equal a sum over the raw rows of the whole window. Planned per dashboard bucket, every part
/// also lies inside one bucket (a local day need not start at a UTC hour: Asia/Kolkata's start at :30).
/// </summary>
public sealed record RollupPlan(IReadOnlyList<RawSlice> Raw, IReadOnlyList<BucketSpan> Hours, IReadOnlyList<BucketSpan> Days)
{
    /// <summary>The whole window from raw rows: the straightforward aggregation the rollups must agree with.</summary>
    public static RollupPlan RawOnly(DateTime from, DateTime to) => new([new RawSlice(from, to, IncludesTo: true)], [], []);

    /// <summary>The window from raw rows, one slice per bucket, so each slice lies inside its bucket.</summary>
    public static RollupPlan RawOnly(DateTime from, DateTime to, IReadOnlyList<DateTime> bucketStarts) =>
        Concat(PerBucket(from, to, bucketStarts).Select(p => new RollupPlan([new RawSlice(p.From, p.To, p.IncludesTo)], [], [])));

    /// <param name="useDays">False when the answer is needed per hour, which daily rollups cannot give.</param>
    public static RollupPlan For(DateTime from, DateTime to, bool useDays) => Split(from, to, includesTo: true, useDays);

    /// <summary>The plan of each bucket's part of the window, adjacent spans merged, so one query per table still reads them.</summary>
    public static RollupPlan ForBuckets(DateTime from, DateTime to, IReadOnlyList<DateTime> bucketStarts, bool useDays) =>
        Concat(PerBucket(from, to, bucketStarts).Select(p => Split(p.From, p.To, p.IncludesTo, useDays)));

    /// <summary>
    /// The same plan with its raw tail (which starts on an hour) read from that hour's rollup instead: only when the
    /// caller has seen that no row of the hour lies after the window's end, so the whole hour equals the tail.
    /// </summary>
    public RollupPlan WithTailFromHourlyRollup()
    {
        var tail = Raw[^1];
        return new RollupPlan(Raw.Take(Raw.Count - 1).ToList(), Merge([.. Hours, new BucketSpan(tail.From, tail.From.AddHours(1))]), Days);
    }

    /// <summary>True when the last raw slice ends the window and starts on a whole hour.</summary>
    public bool EndsInAnHourlyTail => Raw.Count > 0 && Raw[^1].IncludesTo && Raw[^1].From == RollupMath.HourOf(Raw[^1].From);

    private static IEnumerable<RawSlice> PerBucket(DateTime from, DateTime to, IReadOnlyList<DateTime> bucketStarts)
    {
        for (var i = 0; i < bucketStarts.Count; i++)
        {
            var start = bucketStarts[i] > from ? bucketStarts[i] : from;
            if (i == bucketStarts.Count - 1)
            {
                yield return new RawSlice(start, to, IncludesTo: true);
            }
            else if (bucketStarts[i + 1] > start)
            {
                yield return new RawSlice(start, bucketStarts[i + 1], IncludesTo: false);
            }
        }
    }

    private static RollupPlan Split(DateTime from, DateTime to, bool includesTo, bool useDays)
    {
        var firstHour = CeilingHour(from);
        var endHour = RollupMath.HourOf(to);
        if (firstHour >= endHour)
        {
            return new RollupPlan([new RawSlice(from, to, includesTo)], [], []);
        }

        var raw = new List<RawSlice>(2);
        if (from < firstHour)
        {
            raw.Add(new RawSlice(from, firstHour, IncludesTo: false));
        }

        if (includesTo || endHour < to)
        {
            raw.Add(new RawSlice(endHour, to, includesTo));
        }

        var firstDay = CeilingDay(firstHour);
        var endDay = RollupMath.DayOf(endHour);
        if (!useDays || firstDay >= endDay)
        {
            return new RollupPlan(raw, [new BucketSpan(firstHour, endHour)], []);
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

        return new RollupPlan(raw, hours, [new BucketSpan(firstDay, endDay)]);
    }

    private static RollupPlan Concat(IEnumerable<RollupPlan> plans)
    {
        var (raw, hours, days) = (new List<RawSlice>(), new List<BucketSpan>(), new List<BucketSpan>());
        foreach (var plan in plans)
        {
            raw.AddRange(plan.Raw);
            hours.AddRange(plan.Hours);
            days.AddRange(plan.Days);
        }

        return new RollupPlan(raw, Merge(hours), Merge(days));
    }

    /// <summary>Joins spans that touch, in time order.</summary>
    private static List<BucketSpan> Merge(IEnumerable<BucketSpan> spans)
    {
        var merged = new List<BucketSpan>();
        foreach (var span in spans.OrderBy(s => s.From))
        {
            if (merged.Count > 0 && merged[^1].To == span.From)
            {
                merged[^1] = merged[^1] with { To = span.To };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
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
