using CleanDashboard.Application.Dashboard.Common;

namespace CleanDashboard.Application.UnitTests.Dashboard.Common;

public sealed class DashboardWindowTests
{
    private static readonly DateTime Now = Utc(2024, 3, 1, 10, 37, 12);

    [Fact]
    public void ForPreset_When24h_ShouldHave24HourlyBucketsEndingInTheCurrentHour()
    {
        var window = DashboardWindow.ForPreset("24h", Now);

        window.Range.Should().Be("24h");
        window.BucketSize.Should().Be(BucketSize.Hour);
        window.Buckets.Should().HaveCount(24);
        window.Buckets[0].Should().Be(Utc(2024, 2, 29, 11, 0, 0));
        window.Buckets[^1].Should().Be(Utc(2024, 3, 1, 10, 0, 0));
        window.From.Should().Be(Utc(2024, 2, 29, 11, 0, 0));
        window.To.Should().Be(Now);
    }

    [Fact]
    public void ForPreset_When24h_ShouldListConsecutiveHoursAcrossTheLeapDayMidnight()
    {
        var window = DashboardWindow.ForPreset("24h", Now);

        // 11:00 on Feb 29 plus i hours: index 12 is 23:00 on Feb 29, index 13 is 00:00 on Mar 1.
        window.Buckets.Should().Equal(Enumerable.Range(0, 24).Select(i => Utc(2024, 2, 29, 11, 0, 0).AddHours(i)));
        window.Buckets[12].Should().Be(Utc(2024, 2, 29, 23, 0, 0));
        window.Buckets[13].Should().Be(Utc(2024, 3, 1, 0, 0, 0));
        window.Buckets.Should().OnlyContain(b => b.Kind == DateTimeKind.Utc);
    }

    [Fact]
    public void ForPreset_When7d_ShouldHave7DailyBucketsEndingTodayIncludingTheLeapDay()
    {
        var window = DashboardWindow.ForPreset("7d", Now);

        window.BucketSize.Should().Be(BucketSize.Day);
        window.Buckets.Should().Equal(
            Utc(2024, 2, 24), Utc(2024, 2, 25), Utc(2024, 2, 26), Utc(2024, 2, 27),
            Utc(2024, 2, 28), Utc(2024, 2, 29), Utc(2024, 3, 1));
        window.From.Should().Be(Utc(2024, 2, 24));
        window.To.Should().Be(Now);
    }

    [Fact]
    public void ForPreset_When1m_ShouldHave30DailyBucketsFromFebruaryFirst()
    {
        var window = DashboardWindow.ForPreset("1m", Now);

        // Mar 1 minus 29 days = Feb 1 (February 2024 has 29 days).
        window.Buckets.Should().HaveCount(30);
        window.Buckets[0].Should().Be(Utc(2024, 2, 1));
        window.Buckets[^1].Should().Be(Utc(2024, 3, 1));
        window.Buckets.Should().Contain(Utc(2024, 2, 29));
        window.From.Should().Be(Utc(2024, 2, 1));
        window.To.Should().Be(Now);
    }

    [Fact]
    public void ForPreset_When3m_ShouldHave90DailyBucketsFromDecemberThird()
    {
        var window = DashboardWindow.ForPreset("3m", Now);

        // Mar 1 - 29 d = Feb 1, - 31 d = Jan 1, - 29 d = Dec 3 2023: 29 + 31 + 29 = 89 days back.
        window.Buckets.Should().HaveCount(90);
        window.Buckets[0].Should().Be(Utc(2023, 12, 3));
        window.Buckets[^1].Should().Be(Utc(2024, 3, 1));
        window.Buckets.Should().Equal(Enumerable.Range(0, 90).Select(i => Utc(2023, 12, 3).AddDays(i)));
        window.From.Should().Be(Utc(2023, 12, 3));
    }

    [Fact]
    public void ForPreset_WhenNowIsTheLastSecondOfMarch_ShouldEndInTheMonthsLastBuckets()
    {
        var now = Utc(2024, 3, 31, 23, 59, 59);

        var hourly = DashboardWindow.ForPreset("24h", now);
        var weekly = DashboardWindow.ForPreset("7d", now);
        var monthly = DashboardWindow.ForPreset("1m", now);

        hourly.Buckets[0].Should().Be(Utc(2024, 3, 31, 0, 0, 0));
        hourly.Buckets[^1].Should().Be(Utc(2024, 3, 31, 23, 0, 0));
        weekly.Buckets.Should().Equal(Enumerable.Range(25, 7).Select(d => Utc(2024, 3, d)));
        monthly.Buckets[0].Should().Be(Utc(2024, 3, 2));
        monthly.Buckets[^1].Should().Be(Utc(2024, 3, 31));
        monthly.To.Should().Be(now);
    }

    [Fact]
    public void ForPreset_WhenNowIsMarchFirst2023_ShouldCrossFebruary28WithoutALeapDay()
    {
        var now = Utc(2023, 3, 1, 0, 0, 0);

        var hourly = DashboardWindow.ForPreset("24h", now);
        var weekly = DashboardWindow.ForPreset("7d", now);

        hourly.Buckets[0].Should().Be(Utc(2023, 2, 28, 1, 0, 0));
        hourly.Buckets[^1].Should().Be(Utc(2023, 3, 1, 0, 0, 0));
        hourly.From.Should().Be(Utc(2023, 2, 28, 1, 0, 0));
        hourly.To.Should().Be(now);
        weekly.Buckets.Should().Equal(
            Utc(2023, 2, 23), Utc(2023, 2, 24), Utc(2023, 2, 25), Utc(2023, 2, 26),
            Utc(2023, 2, 27), Utc(2023, 2, 28), Utc(2023, 3, 1));
    }

    [Fact]
    public void ForPreset_WhenNowIsJustAfterNewYear_ShouldReachBackIntoTheOldYear()
    {
        var now = Utc(2025, 1, 1, 0, 30, 0);

        var hourly = DashboardWindow.ForPreset("24h", now);
        var weekly = DashboardWindow.ForPreset("7d", now);

        hourly.Buckets[0].Should().Be(Utc(2024, 12, 31, 1, 0, 0));
        hourly.Buckets[^1].Should().Be(Utc(2025, 1, 1, 0, 0, 0));
        weekly.Buckets.Should().Equal(
            Utc(2024, 12, 26), Utc(2024, 12, 27), Utc(2024, 12, 28), Utc(2024, 12, 29),
            Utc(2024, 12, 30), Utc(2024, 12, 31), Utc(2025, 1, 1));
    }

    [Fact]
    public void ForPreset_WhenNowIsTheLastTickOfTheYear_ShouldKeepTheLastBucketInTheOldYear()
    {
        var now = Utc(2024, 12, 31, 23, 59, 59).AddTicks(TimeSpan.TicksPerSecond - 1);

        var hourly = DashboardWindow.ForPreset("24h", now);
        var quarterly = DashboardWindow.ForPreset("3m", now);

        hourly.Buckets[^1].Should().Be(Utc(2024, 12, 31, 23, 0, 0));
        hourly.To.Should().Be(now);
        // Dec 31 - 30 d = Dec 1, - 30 d = Nov 1, - 29 d = Oct 3: 89 days back.
        quarterly.Buckets[0].Should().Be(Utc(2024, 10, 3));
        quarterly.Buckets[^1].Should().Be(Utc(2024, 12, 31));
    }

    [Fact]
    public void ForPreset_WhenNowHasUnspecifiedKind_ShouldTreatItAsUtc()
    {
        var now = new DateTime(2024, 3, 1, 10, 37, 12, DateTimeKind.Unspecified);

        var window = DashboardWindow.ForPreset("24h", now);

        window.To.Should().Be(Now);
        window.To.Kind.Should().Be(DateTimeKind.Utc);
        window.Buckets[^1].Should().Be(Utc(2024, 3, 1, 10, 0, 0));
    }

    [Theory]
    [InlineData("custom")]
    [InlineData("foo")]
    [InlineData("")]
    public void ForPreset_WhenRangeIsNotAPreset_ShouldThrow(string range)
    {
        var act = () => DashboardWindow.ForPreset(range, Now);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ForCustom_WhenSpanIsExactly48Hours_ShouldUse49HourlyBuckets()
    {
        var start = Utc(2024, 2, 28, 0, 0, 0);
        var end = Utc(2024, 3, 1, 0, 0, 0);

        var window = DashboardWindow.ForCustom(start, end);

        // 00:00 Feb 28 … 00:00 Mar 1 inclusive: 48 hours apart, so 48 + 1 bucket starts, Feb 29 included.
        window.Range.Should().Be("custom");
        window.BucketSize.Should().Be(BucketSize.Hour);
        window.Buckets.Should().HaveCount(49);
        window.Buckets[0].Should().Be(start);
        window.Buckets[24].Should().Be(Utc(2024, 2, 29, 0, 0, 0));
        window.Buckets[^1].Should().Be(end);
        window.From.Should().Be(start);
        window.To.Should().Be(end);
    }

    [Fact]
    public void ForCustom_WhenSpanIs48HoursAndOneSecond_ShouldUseDailyBuckets()
    {
        var start = Utc(2024, 2, 28, 0, 0, 0);
        var end = Utc(2024, 3, 1, 0, 0, 1);

        var window = DashboardWindow.ForCustom(start, end);

        window.BucketSize.Should().Be(BucketSize.Day);
        window.Buckets.Should().Equal(Utc(2024, 2, 28), Utc(2024, 2, 29), Utc(2024, 3, 1));
        window.From.Should().Be(start);
        window.To.Should().Be(end);
    }

    [Fact]
    public void ForCustom_WhenStartIsMidHour_ShouldStartTheBucketsAtTheTruncatedHour()
    {
        var start = Utc(2024, 3, 1, 10, 37, 12);
        var end = Utc(2024, 3, 1, 13, 5, 0);

        var window = DashboardWindow.ForCustom(start, end);

        window.Buckets.Should().Equal(
            Utc(2024, 3, 1, 10, 0, 0), Utc(2024, 3, 1, 11, 0, 0), Utc(2024, 3, 1, 12, 0, 0), Utc(2024, 3, 1, 13, 0, 0));
        window.From.Should().Be(start);
        window.To.Should().Be(end);
    }

    [Fact]
    public void ForCustom_WhenStartIsMidDayOverALongSpan_ShouldStartTheBucketsAtMidnight()
    {
        var window = DashboardWindow.ForCustom(Utc(2023, 12, 30, 12, 0, 0), Utc(2024, 1, 2, 6, 0, 0));

        window.BucketSize.Should().Be(BucketSize.Day);
        window.Buckets.Should().Equal(Utc(2023, 12, 30), Utc(2023, 12, 31), Utc(2024, 1, 1), Utc(2024, 1, 2));
    }

    [Fact]
    public void ForCustom_WhenSpanIs366Days_ShouldHaveADailyBucketPerCalendarDay()
    {
        var window = DashboardWindow.ForCustom(Utc(2024, 1, 1), Utc(2025, 1, 1));

        // 2024 is a leap year: Jan 1 2024 to Jan 1 2025 is 366 days, so 367 day starts inclusive.
        window.Buckets.Should().HaveCount(367);
        window.Buckets.Should().Contain(Utc(2024, 2, 29));
        window.Buckets[^1].Should().Be(Utc(2025, 1, 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ForCustom_WhenEndIsNotAfterStart_ShouldThrow(int secondsAfterStart)
    {
        var start = Utc(2024, 3, 1, 0, 0, 0);

        var act = () => DashboardWindow.ForCustom(start, start.AddSeconds(secondsAfterStart));

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("2024-03-01T10:37:12Z", 2024, 3, 1, 10, 37, 12)]
    [InlineData("2024-03-01T12:37:12+02:00", 2024, 3, 1, 10, 37, 12)]
    [InlineData("2024-03-01T01:07:12+02:00", 2024, 2, 29, 23, 7, 12)]
    [InlineData("2024-02-29T19:07:12-05:30", 2024, 3, 1, 0, 37, 12)]
    [InlineData("  2024-03-01T10:37:12Z  ", 2024, 3, 1, 10, 37, 12)]
    [InlineData("2024-03-01T10:37:12.000Z", 2024, 3, 1, 10, 37, 12)]
    public void TryParseInstant_WhenTheTextNamesItsOffset_ShouldReturnTheUtcInstant(string text, int year, int month, int day, int hour, int minute, int second)
    {
        var parsed = DashboardWindow.TryParseInstant(text, out var utc);

        parsed.Should().BeTrue();
        utc.Should().Be(Utc(year, month, day, hour, minute, second));
        utc.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2024-03-01T10:37:12")]
    [InlineData("2024-03-01 10:37:12")]
    [InlineData("2024-03-01")]
    [InlineData("yesterday")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("not-a-date")]
    public void TryParseInstant_WhenTheTextIsNotAnInstantWithAnOffset_ShouldRefuseIt(string? text)
    {
        var parsed = DashboardWindow.TryParseInstant(text, out var utc);

        parsed.Should().BeFalse();
        utc.Should().Be(default);
    }

    [Fact]
    public void Truncate_WhenBucketSizeIsHourOrDay_ShouldDropTheSmallerParts()
    {
        var value = Utc(2024, 2, 29, 23, 59, 59).AddTicks(9_999_999);

        DashboardWindow.Truncate(value, BucketSize.Hour).Should().Be(Utc(2024, 2, 29, 23, 0, 0));
        DashboardWindow.Truncate(value, BucketSize.Day).Should().Be(Utc(2024, 2, 29));
    }

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);
}
