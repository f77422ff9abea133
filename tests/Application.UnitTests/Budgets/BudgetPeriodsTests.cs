using CleanDashboard.Application.Budgets;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.UnitTests.Budgets;

public sealed class BudgetPeriodsTests
{
    [Theory]
    [InlineData("2026-12-01T22:30:00Z", BudgetPeriod.Day, "UTC", "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z")]
    [InlineData("2026-12-01T22:30:00Z", BudgetPeriod.Day, "Europe/Berlin", "2026-11-30T23:00:00Z", "2026-12-01T23:00:00Z")]
    [InlineData("2026-12-01T23:30:00Z", BudgetPeriod.Day, "Europe/Berlin", "2026-12-01T23:00:00Z", "2026-12-02T23:00:00Z")]
    [InlineData("2026-12-01T22:30:00Z", BudgetPeriod.Week, "Europe/Berlin", "2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z")]
    [InlineData("2026-11-29T23:30:00Z", BudgetPeriod.Week, "UTC", "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z")]
    [InlineData("2026-12-01T22:30:00Z", BudgetPeriod.Month, "Europe/Berlin", "2026-11-30T23:00:00Z", "2026-12-31T23:00:00Z")]
    [InlineData("2026-03-15T12:00:00Z", BudgetPeriod.Month, "Europe/Berlin", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z")]
    [InlineData("2026-03-29T12:00:00Z", BudgetPeriod.Day, "Europe/Berlin", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")]
    public void Current_ShouldStartAtLocalMidnightOfTheDayMondayOrFirstOfTheMonth(string now, BudgetPeriod period, string zone, string start, string end)
    {
        var window = BudgetPeriods.Current(period, DateTime.Parse(now, null, System.Globalization.DateTimeStyles.AdjustToUniversal), TimeZoneInfo.FindSystemTimeZoneById(zone));

        window.StartUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture).Should().Be(start);
        window.EndUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture).Should().Be(end);
        window.StartUtc.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void Current_WhenMidnightIsSkippedByAClockChange_ShouldStartAtTheFirstLocalTimeThatExists()
    {
        // Santiago moved its clocks from 00:00 to 01:00 on 2026-09-06 (UTC-4 to UTC-3): that day starts at 01:00 local, 04:00 UTC.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        var window = BudgetPeriods.Current(BudgetPeriod.Day, new DateTime(2026, 9, 6, 12, 0, 0, DateTimeKind.Utc), santiago);

        window.StartUtc.Should().Be(new DateTime(2026, 9, 6, 4, 0, 0, DateTimeKind.Utc));
        window.EndUtc.Should().Be(new DateTime(2026, 9, 7, 3, 0, 0, DateTimeKind.Utc));
    }
}
