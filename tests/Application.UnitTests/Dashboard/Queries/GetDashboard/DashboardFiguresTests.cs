using CleanDashboard.Application.Dashboard.Common;
using CleanDashboard.Application.Dashboard.Queries.GetDashboard;

namespace CleanDashboard.Application.UnitTests.Dashboard.Queries.GetDashboard;

public sealed class DashboardFiguresTests
{
    private static readonly DateTime Day = new(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Summary_WhenThereAreNoBuckets_ShouldBeAllZeros()
    {
        DashboardFigures.Summary([], []).Should().BeEquivalentTo(new SummaryDto(0, 0, 0, 0m, 0, 0, 0m), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Summary_WhenBucketsHaveRows_ShouldAddThemUp()
    {
        var buckets = new[]
        {
            new RequestBucketTotals(Day, 2, 2, 1_620_000, 150, 2, 0.0150m, 2),
            new RequestBucketTotals(Day.AddHours(1), 2, 1, 2_810_000, 380, 2, 0.1234m, 1),
        };

        var summary = DashboardFigures.Summary(buckets, []);

        summary.TotalRequests.Should().Be(7);          // 2 + 2 + 2 + 1
        summary.SuccessfulRequests.Should().Be(4);     // 2 + 2
        summary.AvgLatencyMs.Should().Be(632.9);       // (1620 + 2810) / 7 = 632.857…
        summary.TotalCost.Should().Be(0.1384m);        // 0.0150 + 0.1234
        summary.TotalTokens.Should().Be(530);          // 150 + 380
        summary.AvgTokensPerRequest.Should().Be(132.5); // 530 / 4 rows with tokens (not / 7)
        summary.AvgCostPerRequest.Should().Be(0.046133m); // 0.1384 / 3 rows with cost = 0.0461333… (not / 7), 6 decimals
    }

    [Fact]
    public void Summary_WhenAveragesFallOnAHalf_ShouldRoundAwayFromZero()
    {
        // 2 rows, 10.5 ms → 5.25 → 5.3; 9 tokens over 8 rows → 1.125 → 1.13; 0.000001 over 2 rows → 0.0000005 → 0.000001.
        var buckets = new[] { new RequestBucketTotals(Day, 2, 0, 10_500, 9, 8, 0.000001m, 2) };

        var summary = DashboardFigures.Summary(buckets, []);

        summary.AvgLatencyMs.Should().Be(5.3);
        summary.AvgTokensPerRequest.Should().Be(1.13);
        summary.AvgCostPerRequest.Should().Be(0.000001m);
    }

    [Fact]
    public void Summary_WhenNoRowCarriesTokensOrCost_ShouldReportZeroAveragesNotDivideByZero()
    {
        var buckets = new[] { new RequestBucketTotals(Day, 0, 3, 30_000, 0, 0, 0m, 0) };

        var summary = DashboardFigures.Summary(buckets, []);

        summary.TotalRequests.Should().Be(3);
        summary.SuccessfulRequests.Should().Be(0);
        summary.AvgLatencyMs.Should().Be(10);
        summary.AvgTokensPerRequest.Should().Be(0);
        summary.AvgCostPerRequest.Should().Be(0m);
    }

    [Fact]
    public void Users_WhenSessionsExist_ShouldAverageCostAndRequestsPerSession()
    {
        // 0.00001 / 4 = 0.0000025 → 0.000003 (half away from zero; to-even would give 0.000002); 9 / 4 = 2.25.
        var users = DashboardFigures.Users(new UserActivity(3, 4, 0.00001m, 9));

        users.Should().Be(new UsersDto(3, 4, 0.000003m, 2.25));
    }

    [Fact]
    public void Users_WhenThereAreNoSessions_ShouldReportZeroAverages()
    {
        DashboardFigures.Users(new UserActivity(2, 0, 0m, 0)).Should().Be(new UsersDto(2, 0, 0m, 0));
    }

    [Fact]
    public void Users_WhenRequestsPerSessionFallOnAHalf_ShouldRoundAwayFromZero()
    {
        // 9 / 8 = 1.125 → 1.13.
        DashboardFigures.Users(new UserActivity(1, 8, 0m, 9)).AvgSessionRequests.Should().Be(1.13);
    }

    [Fact]
    public void Feedback_WhenRatingsExist_ShouldCountAndAverageThem()
    {
        // 3×5 + 4×4 + 1×2 = 33 over 8 = 4.125 → 4.13.
        var feedback = DashboardFigures.Feedback([new RatingCount(4, 4), new RatingCount(5, 3), new RatingCount(2, 1)]);

        feedback.TotalFeedback.Should().Be(8);
        feedback.AvgRating.Should().Be(4.13);
        feedback.RatingDistribution.Should().Equal(new Dictionary<string, long> { ["5"] = 3, ["4"] = 4, ["3"] = 0, ["2"] = 1, ["1"] = 0 });
    }

    [Fact]
    public void Feedback_WhenThereIsNoFeedback_ShouldStillListKeysFiveToOneInOrder()
    {
        var feedback = DashboardFigures.Feedback([]);

        feedback.TotalFeedback.Should().Be(0);
        feedback.AvgRating.Should().Be(0);
        feedback.RatingDistribution.Keys.Should().Equal("5", "4", "3", "2", "1");
        feedback.RatingDistribution.Values.Should().OnlyContain(v => v == 0);
    }

    [Fact]
    public void Feedback_WhenRatingsAreOutsideOneToFive_ShouldIgnoreThem()
    {
        var feedback = DashboardFigures.Feedback([new RatingCount(5, 1), new RatingCount(0, 7), new RatingCount(6, 2)]);

        feedback.TotalFeedback.Should().Be(1);
        feedback.AvgRating.Should().Be(5);
        feedback.RatingDistribution.Keys.Should().Equal("5", "4", "3", "2", "1");
    }
}
