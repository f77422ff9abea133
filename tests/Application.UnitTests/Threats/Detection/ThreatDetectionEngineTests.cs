using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Threats.Detection;
using CleanDashboard.Application.Threats.Detection.Detectors;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.UnitTests.Threats.Detection;

/// <summary>Windows, thresholds, incident dedupe and bounds, through brute force (3 failures within 60 s) and oversized payloads (each one).</summary>
public sealed class ThreatDetectionEngineTests
{
    private const string Address = "203.0.113.10";
    private const string BruteForceDescription = "Repeated failed authentication (401) from this address: 3 or more within 60 s.";

    [Fact]
    public void Observe_WhenThresholdReachedWithinWindow_ShouldReportEverySightingOnce()
    {
        var harness = new DetectorHarness(BruteForce());
        harness.Repeat(2, () => harness.Response(Address, 401));
        harness.Queue.Threats.Should().BeEmpty();

        harness.Time.Advance(TimeSpan.FromSeconds(60));
        harness.Response(Address, 401);

        harness.Queue.Threats.Should().Equal(new ThreatEvent("brute_force", ThreatSeverity.High, Address, BruteForceDescription, (DetectorHarness.Start + TimeSpan.FromSeconds(60)).UtcDateTime, 3, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Observe_WhenSightingsFallOutOfTheWindow_ShouldCountOnlyTheRecentOnes()
    {
        var harness = new DetectorHarness(BruteForce());
        harness.Repeat(2, () => harness.Response(Address, 401));
        harness.Time.Advance(TimeSpan.FromSeconds(61));
        harness.Response(Address, 401);
        harness.Queue.Threats.Should().BeEmpty("the first two are 61 s old");

        harness.Repeat(2, () => harness.Response(Address, 401));
        harness.Queue.Threats.Select(t => t.Occurrences).Should().Equal(3);
    }

    [Fact]
    public void Observe_WhenIncidentIsOpen_ShouldAddEachLaterSightingAsOneOccurrenceUntilAWindowPassesWithoutOne()
    {
        var harness = new DetectorHarness(BruteForce());
        harness.Repeat(3, () => harness.Response(Address, 401));
        harness.Time.Advance(TimeSpan.FromSeconds(59));
        harness.Response(Address, 401);
        harness.Time.Advance(TimeSpan.FromSeconds(59));
        harness.Response(Address, 401);
        harness.Queue.Threats.Select(t => t.Occurrences).Should().Equal(3, 1, 1);

        harness.Time.Advance(TimeSpan.FromSeconds(61));
        harness.Repeat(2, () => harness.Response(Address, 401));
        harness.Queue.Threats.Should().HaveCount(3, "the incident closed; two new failures are below the threshold again");
        harness.Response(Address, 401);
        harness.Queue.Threats.Select(t => t.Occurrences).Should().Equal(3, 1, 1, 3);
    }

    [Fact]
    public void Observe_WhenSightingsComeFromTwoAddresses_ShouldCountEachAddressApart()
    {
        var harness = new DetectorHarness(BruteForce());
        harness.Repeat(2, () => harness.Response(Address, 401));
        harness.Repeat(2, () => harness.Response("203.0.113.11", 401));
        harness.Queue.Threats.Should().BeEmpty();

        harness.Response("203.0.113.11", 401);
        harness.Queue.Threats.Select(t => (t.IpAddress, t.Occurrences)).Should().Equal(("203.0.113.11", 3));
    }

    [Fact]
    public void Observe_WhenDetectorIsDisabled_ShouldReportNothing()
    {
        var harness = new DetectorHarness(BruteForce(o => o.Enabled = false));
        harness.Repeat(5, () => harness.Response(Address, 401));

        harness.Queue.Threats.Should().BeEmpty();
    }

    [Fact]
    public void Observe_WhenMoreAddressesThanTracked_ShouldWatchNewOnesOnlyAfterIdleOnesAreSwept()
    {
        var harness = new DetectorHarness(new ThreatDetectionOptions { MaxTrackedAddresses = 2 }, Oversized());
        harness.Response("203.0.113.1", 413);
        harness.Response("203.0.113.2", 413);
        harness.Response("203.0.113.3", 413);
        harness.Queue.Threats.Select(t => t.IpAddress).Should().Equal("203.0.113.1", "203.0.113.2");

        harness.Time.Advance(TimeSpan.FromSeconds(601));
        harness.Response("203.0.113.3", 413);
        harness.Queue.Threats.Select(t => (t.IpAddress, t.Severity, t.Description)).Should().Equal(
            ("203.0.113.1", ThreatSeverity.Low, "Request body over the size limit (413)."),
            ("203.0.113.2", ThreatSeverity.Low, "Request body over the size limit (413)."),
            ("203.0.113.3", ThreatSeverity.Low, "Request body over the size limit (413)."));
    }

    [Fact]
    public void Observe_WhenOtherStatusesOrStages_ShouldLeaveBruteForceAlone()
    {
        var harness = new DetectorHarness(BruteForce(o => o.Threshold = 1));
        harness.Response(Address, 403);
        harness.Response(Address, 200);
        harness.RateLimited(Address);

        harness.Queue.Threats.Should().BeEmpty();
    }

    [Fact]
    public void RefusalFor_WhenBruteForceBlocksAndTheAddressHasAnOpenIncident_ShouldRefuseItUntilAWindowPassesWithoutAFailure()
    {
        var harness = new DetectorHarness(BruteForce(o => o.Mode = DetectorMode.Block));
        harness.Engine.BlocksAddresses.Should().BeTrue();
        harness.Repeat(2, () => harness.Response(Address, 401));
        harness.RefusalFor(Address).Should().BeNull("two failures are below the threshold");

        harness.Response(Address, 401).Should().BeNull("the failure itself is answered as it was");
        harness.RefusalFor(Address).Should().Be(new ThreatRefusal(403, "Too many failed authentications from this address; it is blocked for a while.", "address_blocked"));
        harness.RefusalFor("203.0.113.11").Should().BeNull();

        harness.Time.Advance(TimeSpan.FromSeconds(60));
        harness.RefusalFor(Address).Should().NotBeNull("60 s after the last failure is still within the window");
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        harness.RefusalFor(Address).Should().BeNull();
    }

    [Fact]
    public void RefusalFor_WhenBruteForceOnlyDetects_ShouldNeverRefuse()
    {
        var harness = new DetectorHarness(BruteForce());
        harness.Repeat(3, () => harness.Response(Address, 401));

        harness.Engine.BlocksAddresses.Should().BeFalse();
        harness.RefusalFor(Address).Should().BeNull();
        harness.Queue.Threats.Should().ContainSingle();
    }

    [Fact]
    public void RefusalFor_WhenBlockingDetectorIsDisabled_ShouldNeverRefuse()
    {
        var harness = new DetectorHarness(BruteForce(o => (o.Mode, o.Enabled) = (DetectorMode.Block, false)));
        harness.Repeat(3, () => harness.Response(Address, 401));

        harness.Engine.BlocksAddresses.Should().BeFalse();
        harness.RefusalFor(Address).Should().BeNull();
    }

    internal static BruteForceDetector BruteForce(Action<BruteForceDetectorOptions>? configure = null)
    {
        var options = new BruteForceDetectorOptions { Threshold = 3, WindowSeconds = 60 };
        configure?.Invoke(options);
        return new BruteForceDetector(Options.Create(options));
    }

    private static OversizedPayloadDetector Oversized() => new(Options.Create(new OversizedPayloadDetectorOptions()));
}
