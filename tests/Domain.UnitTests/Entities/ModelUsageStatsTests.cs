using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Domain.UnitTests.Entities;

public sealed class ModelUsageStatsTests
{
    [Fact]
    public void Add_WhenGroupsAreAdded_ShouldKeepExactSumsAndRecomputeTheAverage()
    {
        var stats = new ModelUsageStats { Date = new DateOnly(2024, 2, 29), ModelName = "llama3.2" };

        stats.Add(requests: 2, successes: 1, tokens: 100, cost: 0.5m, latencyUs: 3_000_000);
        stats.AvgLatencyMs.Should().Be(1500); // 3 000 000 µs / 1000 / 2

        stats.Add(requests: 1, successes: 1, tokens: 50, cost: 0.0001m, latencyUs: 1_001);

        stats.TotalRequests.Should().Be(3);
        stats.SuccessfulRequests.Should().Be(2);
        stats.FailedRequests.Should().Be(1);
        stats.TotalTokens.Should().Be(150);
        stats.TotalCost.Should().Be(0.5001m);
        stats.TotalLatencyUs.Should().Be(3_001_001);
        stats.AvgLatencyMs.Should().Be(1000.334); // 3 001 001 / 1000 / 3 = 1000.33366… → 3 decimals
    }

    [Fact]
    public void Add_WhenNoRequestsAreAdded_ShouldKeepTheAverageAtZero()
    {
        var stats = new ModelUsageStats();

        stats.Add(0, 0, 0, 0m, 0);

        stats.AvgLatencyMs.Should().Be(0);
    }

    [Theory]
    [InlineData(2.5, 2_500)]
    [InlineData(0.0625, 63)]
    [InlineData(1800.25, 1_800_250)]
    [InlineData(0, 0)]
    public void ToMicroseconds_WhenGivenMilliseconds_ShouldRoundHalfAwayFromZero(double milliseconds, long expected)
    {
        ModelUsageStats.ToMicroseconds(milliseconds).Should().Be(expected);
    }
}
