using CleanDashboard.Application.Threats.Detection.Detectors;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.UnitTests.Threats.Detection.Detectors;

public sealed class RateLimitDetectorTests
{
    private const string Address = "203.0.113.50";

    [Fact]
    public void Inspect_WhenRejectionsContinuePastEscalateAfter_ShouldTurnTheIncidentHigh()
    {
        var harness = new DetectorHarness(new RateLimitDetector(Options.Create(new RateLimitDetectorOptions { Threshold = 2, EscalateAfter = 3 })));
        harness.Repeat(4, () => harness.RateLimited(Address, apiKeyId: 7));

        harness.Queue.Threats.Select(t => (t.ThreatType, t.Severity, t.Occurrences, t.Description)).Should().Equal(
            ("rate_limit", ThreatSeverity.Medium, 2, "Sustained rate-limit rejections (429) of this address (API key id 7): 2 or more within 60 s."),
            ("rate_limit", ThreatSeverity.Medium, 1, "Sustained rate-limit rejections (429) of this address (API key id 7): 2 or more within 60 s."),
            ("rate_limit", ThreatSeverity.High, 1, "Rate-limit rejections (429) of this address (API key id 7) continued past 3."));
    }

    [Fact]
    public void Inspect_WhenA429IsNotTheLimiters_ShouldReportNothing()
    {
        var harness = new DetectorHarness(new RateLimitDetector(Options.Create(new RateLimitDetectorOptions { Threshold = 1 })));
        harness.Response(Address, 429);
        harness.Queue.Threats.Should().BeEmpty("an upstream's 429 passed on is no rejection of ours");

        harness.RateLimited(Address);
        harness.Queue.Threats.Select(t => t.Description).Should().Equal("Sustained rate-limit rejections (429) of this address: 1 or more within 60 s.");
    }
}
