using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.UnitTests.Entities;

public sealed class ThreatLogTests
{
    [Fact]
    public void New_WhenCreated_ShouldCountOneOccurrenceAndBeUnresolved()
    {
        var threat = new ThreatLog();

        threat.Occurrences.Should().Be(1);
        threat.Resolved.Should().BeFalse();
    }

    [Fact]
    public void Severity_WhenCompared_ShouldRankLowBelowCritical()
    {
        // Stored as names, but the enum order is what "at least high" filters rely on.
        new[] { ThreatSeverity.Critical, ThreatSeverity.Low, ThreatSeverity.High, ThreatSeverity.Medium }.Order()
            .Should().Equal(ThreatSeverity.Low, ThreatSeverity.Medium, ThreatSeverity.High, ThreatSeverity.Critical);
    }
}
