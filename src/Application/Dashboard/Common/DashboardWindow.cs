using System.Globalization;
using CleanDashboard.Application.Common.Time;
using CleanDashboard.Domain.Entities.Rollups;

namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>
/// The time window of a dashboard query and its buckets, all UTC.
/// Rows count when <c>From &lt;= CreatedAt &lt;= To</c>; every bucket is listed, empty or not.
/// </summary>
public sealed record DashboardWindow(string Range, DateTime From, DateTime To, BucketSize BucketSize, IReadOnlyList<DateTime> Buckets)
{
    public static DashboardWindow ForPreset(string range, DateTime nowUtc)
    {
        var now = AsUtc(nowUtc);
        return range switch
        {
            DashboardRanges.Last24Hours => Trailing(range, now, BucketSize.Hour, 24),
            DashboardRanges.Last7Days => Trailing(range, now, BucketSize.Day, 7),
            DashboardRanges.LastMonth => Trailing(range, now, BucketSize.Day, 30),
            DashboardRanges.Last3Months => Trailing(range, now, BucketSize.Day, 90),
            _ => throw new ArgumentOutOfRangeException(nameof(range), range, "Not a preset range."),
        };
    }

    public static DashboardWindow ForCustom(DateTime startUtc, DateTime endUtc)
    {
        var start = AsUtc(startUtc);
        var end = AsUtc(endUtc);
        if (end <= start)
        {
            throw new ArgumentException("The end must be after the start.", nameof(endUtc));
        }

        var size = end - start <= DashboardRanges.MaxHourlySpan ? BucketSize.Hour : BucketSize.Day;
        var buckets = new List<DateTime>();
        for (var bucket = Truncate(start, size); bucket <= end; bucket = Next(bucket, size))
        {
            buckets.Add(bucket);
        }

        return new DashboardWindow(DashboardRanges.Custom, start, end, size, buckets);
    }

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

    private static DateTime Next(DateTime bucket, BucketSize size) =>
        size == BucketSize.Hour ? bucket.AddHours(1) : bucket.AddDays(1);

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
