using System.Globalization;
using CleanDashboard.Application.Common.Time;
using CleanDashboard.Domain.Entities.Rollups;

namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>
/// The time window of a dashboard query and its buckets, all UTC instants.
/// Rows count when <c>From &lt;= CreatedAt &lt;= To</c>; every bucket is listed, empty or not. Daily buckets start at the
/// zone's local midnights (23- and 25-hour days at DST changes); hourly buckets are UTC hours in every zone.
/// </summary>
public sealed record DashboardWindow(string Range, DateTime From, DateTime To, BucketSize BucketSize, IReadOnlyList<DateTime> Buckets)
{
    public static DashboardWindow ForPreset(string range, DateTime nowUtc) => ForPreset(range, nowUtc, TimeZoneInfo.Utc);

    public static DashboardWindow ForPreset(string range, DateTime nowUtc, TimeZoneInfo zone)
    {
        var now = AsUtc(nowUtc);
        return range switch
        {
            DashboardRanges.Last24Hours => Trailing(range, now, BucketSize.Hour, 24),
            DashboardRanges.Last7Days => TrailingDays(range, now, 7, zone),
            DashboardRanges.LastMonth => TrailingDays(range, now, 30, zone),
            DashboardRanges.Last3Months => TrailingDays(range, now, 90, zone),
            _ => throw new ArgumentOutOfRangeException(nameof(range), range, "Not a preset range."),
        };
    }

    public static DashboardWindow ForCustom(DateTime startUtc, DateTime endUtc) => ForCustom(startUtc, endUtc, TimeZoneInfo.Utc);

    public static DashboardWindow ForCustom(DateTime startUtc, DateTime endUtc, TimeZoneInfo zone)
    {
        var start = AsUtc(startUtc);
        var end = AsUtc(endUtc);
        if (end <= start)
        {
            throw new ArgumentException("The end must be after the start.", nameof(endUtc));
        }

        var size = end - start <= DashboardRanges.MaxHourlySpan ? BucketSize.Hour : BucketSize.Day;
        var buckets = new List<DateTime>();
        if (size == BucketSize.Hour)
        {
            for (var bucket = Truncate(start, size); bucket <= end; bucket = bucket.AddHours(1))
            {
                buckets.Add(bucket);
            }
        }
        else
        {
            for (var day = LocalDate(start, zone); LocalMidnight(day, zone) <= end; day = day.AddDays(1))
            {
                buckets.Add(LocalMidnight(day, zone));
            }
        }

        return new DashboardWindow(DashboardRanges.Custom, start, end, size, buckets);
    }

    /// <summary>The index of the bucket an instant falls in: the last bucket that starts at or before it.</summary>
    public static int BucketIndex(IReadOnlyList<DateTime> bucketStarts, DateTime instant)
    {
        var (low, high) = (0, bucketStarts.Count - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = bucketStarts[middle] <= instant ? (middle, high) : (low, middle - 1);
        }

        return low;
    }

    /// <summary>
    /// The first instant of a local date in the zone: its midnight, or, where a DST change skips midnight, the first
    /// local time that exists; where midnight occurs twice, the earlier one.
    /// </summary>
    public static DateTime LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), zone));

    /// <summary>Parses an ISO-8601 instant that names its offset (<c>Z</c> or <c>+02:00</c>) within <see cref="InstantBounds"/>; local times are refused.</summary>
    public static bool TryParseInstant(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var namesOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z') || HasNumericOffset(trimmed);
        if (!namesOffset || !DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return InstantBounds.Contains(utc);
    }

    public static DateTime Truncate(DateTime value, BucketSize size) =>
        size == BucketSize.Hour ? RollupMath.HourOf(value) : RollupMath.DayOf(value);

    private static DashboardWindow Trailing(string range, DateTime now, BucketSize size, int count)
    {
        var last = Truncate(now, size);
        var buckets = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            buckets[i] = size == BucketSize.Hour ? last.AddHours(i - count + 1) : last.AddDays(i - count + 1);
        }

        return new DashboardWindow(range, buckets[0], now, size, buckets);
    }

    /// <summary>The last <paramref name="count"/> local days of the zone, today included.</summary>
    private static DashboardWindow TrailingDays(string range, DateTime now, int count, TimeZoneInfo zone)
    {
        var today = LocalDate(now, zone);
        var buckets = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            buckets[i] = LocalMidnight(today.AddDays(i - count + 1), zone);
        }

        return new DashboardWindow(range, buckets[0], now, BucketSize.Day, buckets);
    }

    private static bool HasNumericOffset(string text)
    {
        // An offset is "+hh:mm" / "-hh:mm" (or without the colon) after the time part.
        var timeStart = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (timeStart < 0)
        {
            return false;
        }

        var sign = text.LastIndexOfAny(['+', '-']);
        return sign > timeStart;
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
