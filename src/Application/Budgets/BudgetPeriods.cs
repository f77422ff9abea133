using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Budgets;

/// <summary>
/// The period a budget is counted in: from local midnight of the day, of the week's Monday (ISO 8601) or of the month's
/// first day in the configured zone, to the next one; as UTC instants.
/// </summary>
public static class BudgetPeriods
{
    public static PeriodWindow Current(BudgetPeriod period, DateTime utcNow, TimeZoneInfo zone)
    {
        var today = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone).Date;
        var start = period switch
        {
            BudgetPeriod.Day => today,
            BudgetPeriod.Week => today.AddDays(-(((int)today.DayOfWeek + 6) % 7)),
            _ => new DateTime(today.Year, today.Month, 1),
        };
        var end = period switch
        {
            BudgetPeriod.Day => start.AddDays(1),
            BudgetPeriod.Week => start.AddDays(7),
            _ => start.AddMonths(1),
        };
        return new PeriodWindow(ToUtc(start, zone), ToUtc(end, zone));
    }

    /// <summary>A local midnight that a clock change skips starts the period at the first local time that exists.</summary>
    private static DateTime ToUtc(DateTime localMidnight, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localMidnight, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}

/// <summary>A budget period, UTC, end exclusive.</summary>
public readonly record struct PeriodWindow(DateTime StartUtc, DateTime EndUtc);
