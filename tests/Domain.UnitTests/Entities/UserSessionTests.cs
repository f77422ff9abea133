using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Domain.UnitTests.Entities;

public sealed class UserSessionTests
{
    private static readonly DateTime Start = new(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    [Fact]
    public void Start_WhenCalled_ShouldOpenASessionWithNoRequestsYet()
    {
        var session = UserSession.Start(7, Start, "203.0.113.9", "curl/8.5.0");

        session.UserId.Should().Be(7);
        session.SessionStart.Should().Be(Start);
        session.LastActivityAt.Should().Be(Start);
        session.SessionEnd.Should().BeNull();
        session.IpAddress.Should().Be("203.0.113.9");
        session.UserAgent.Should().Be("curl/8.5.0");
        session.TotalRequests.Should().Be(0);
        session.TotalCost.Should().Be(0m);
        session.TotalTokens.Should().Be(0);
    }

    [Fact]
    public void Start_WhenTheUserAgentIsTooLong_ShouldCutItToTheColumnLength()
    {
        var session = UserSession.Start(7, Start, "203.0.113.9", new string('a', UserSession.UserAgentMaxLength + 20));

        session.UserAgent.Should().HaveLength(UserSession.UserAgentMaxLength);
    }

    [Fact]
    public void HasExpiredAt_WhenTheGapIsExactlyTheTimeout_ShouldNotHaveExpired()
    {
        UserSession.Start(7, Start, "ip", "ua").HasExpiredAt(Start.AddMinutes(30), Timeout).Should().BeFalse();
    }

    [Fact]
    public void HasExpiredAt_WhenTheGapIsLongerThanTheTimeout_ShouldHaveExpired()
    {
        UserSession.Start(7, Start, "ip", "ua").HasExpiredAt(Start.AddMinutes(30).AddTicks(1), Timeout).Should().BeTrue();
    }

    [Fact]
    public void Record_WhenRequestsArrive_ShouldAddThemUpAndTreatUnknownCostAndTokensAsNothing()
    {
        var session = UserSession.Start(7, Start, "203.0.113.9", "curl/8.5.0");

        session.Record(Start.AddMinutes(1), 0.0123m, 100, "203.0.113.9", "curl/8.5.0");
        session.Record(Start.AddMinutes(2), null, null, "203.0.113.9", "curl/8.5.0");
        session.Record(Start.AddMinutes(3), 0.0002m, 20, "203.0.113.9", "curl/8.5.0");

        session.TotalRequests.Should().Be(3);
        session.TotalCost.Should().Be(0.0125m);
        session.TotalTokens.Should().Be(120);
        session.LastActivityAt.Should().Be(Start.AddMinutes(3));
    }

    [Fact]
    public void Record_WhenARequestArrivesOutOfOrder_ShouldNotMoveTheLastActivityBack()
    {
        var session = UserSession.Start(7, Start, "ip", "ua");
        session.Record(Start.AddMinutes(5), null, null, "ip", "ua");

        session.Record(Start.AddMinutes(4), null, null, "ip", "ua");

        session.LastActivityAt.Should().Be(Start.AddMinutes(5));
        session.TotalRequests.Should().Be(2);
    }

    [Fact]
    public void Record_WhenAddressOrAgentIsBlank_ShouldKeepTheKnownOnes()
    {
        var session = UserSession.Start(7, Start, "203.0.113.9", "curl/8.5.0");

        session.Record(Start.AddMinutes(1), null, null, string.Empty, string.Empty);
        session.IpAddress.Should().Be("203.0.113.9");
        session.UserAgent.Should().Be("curl/8.5.0");

        session.Record(Start.AddMinutes(2), null, null, "198.51.100.1", "OpenAI/NET 2.15.0");
        session.IpAddress.Should().Be("198.51.100.1");
        session.UserAgent.Should().Be("OpenAI/NET 2.15.0");
    }

    [Fact]
    public void Close_WhenCalled_ShouldEndTheSessionAtItsLastRequest()
    {
        var session = UserSession.Start(7, Start, "ip", "ua");
        session.Record(Start.AddMinutes(12), null, null, "ip", "ua");

        session.Close();

        session.SessionEnd.Should().Be(Start.AddMinutes(12));
    }

    [Fact]
    public void RecordInConversation_WhenASpanCameBeforeTheStartOrAfterAGap_ShouldStretchTheSessionToCoverIt()
    {
        var session = UserSession.Start(7, Start, string.Empty, string.Empty, "c1");
        session.RecordInConversation(Start, 0.001m, 10, string.Empty, string.Empty);

        session.RecordInConversation(Start.AddHours(3), 0.002m, 20, string.Empty, string.Empty);
        session.RecordInConversation(Start.AddMinutes(-10), null, null, string.Empty, string.Empty);

        session.SessionStart.Should().Be(Start.AddMinutes(-10));
        session.LastActivityAt.Should().Be(Start.AddHours(3));
        session.SessionEnd.Should().Be(Start.AddHours(3));
        session.TotalRequests.Should().Be(3);
        session.TotalCost.Should().Be(0.003m);
        session.TotalTokens.Should().Be(30);
        session.ConversationId.Should().Be("c1");
    }
}
