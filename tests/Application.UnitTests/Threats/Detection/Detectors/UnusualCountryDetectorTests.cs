using CleanDashboard.Application.Threats.Detection.Detectors;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.UnitTests.Threats.Detection.Detectors;

/// <summary>A key learns its countries from its first three requests that have one; another country after that is a sighting.</summary>
public sealed class UnusualCountryDetectorTests
{
    private const string Address = "198.51.100.7";

    [Fact]
    public void Inspect_WhenKeyIsUsedFromACountryItWasNotSeenFromWhileLearning_ShouldReportAMediumIncidentNamingBoth()
    {
        var harness = new DetectorHarness(Detector());
        Request(harness, 7, "DE");
        Request(harness, 7, "US");
        Request(harness, 7, "DE");
        Request(harness, 7, "US");
        harness.Queue.Threats.Should().BeEmpty("DE and US are the key's countries");

        Request(harness, 7, "FR");
        Request(harness, 7, "FR");
        harness.Queue.Threats.Select(t => (t.ThreatType, t.Severity, t.IpAddress, t.Occurrences, t.IncidentWindow, t.Description)).Should().Equal(
            ("unusual_country", ThreatSeverity.Medium, Address, 1, TimeSpan.FromHours(1), "API key id 7 used from FR; its first 3 requests came from DE, US."),
            ("unusual_country", ThreatSeverity.Medium, Address, 1, TimeSpan.FromHours(1), "API key id 7 used from FR; its first 3 requests came from DE, US."));
    }

    [Fact]
    public void Inspect_WhenNewCountryComesWhileLearning_ShouldLearnIt()
    {
        var harness = new DetectorHarness(Detector());
        Request(harness, 7, "DE");
        Request(harness, 7, "DE");
        Request(harness, 7, "FR");
        Request(harness, 7, "FR");
        Request(harness, 8, "JP");

        harness.Queue.Threats.Should().BeEmpty("each key is still within its first three requests, or in a country it learned");
    }

    [Fact]
    public void Inspect_WhenNoKeyOrNoCountry_ShouldNeitherLearnNorReport()
    {
        var harness = new DetectorHarness(Detector());
        harness.Response(Address, 200, country: "DE");
        Request(harness, 7, string.Empty);
        Request(harness, 7, null);
        Request(harness, 7, "DE");
        Request(harness, 7, "DE");
        Request(harness, 7, "DE");
        harness.Queue.Threats.Should().BeEmpty("requests without a country do not count towards the three");

        Request(harness, 7, "BR");
        harness.Queue.Threats.Select(t => t.Description).Should().Equal("API key id 7 used from BR; its first 3 requests came from DE.");
    }

    [Fact]
    public void Inspect_WhenMoreKeysThanTracked_ShouldWatchOnlyTheFirst()
    {
        var harness = new DetectorHarness(Detector(maxTrackedKeys: 1));
        foreach (var key in new[] { 7, 8 })
        {
            harness.Repeat(3, () => Request(harness, key, "DE"));
            Request(harness, key, "FR");
        }

        harness.Queue.Threats.Select(t => t.Description).Should().Equal("API key id 7 used from FR; its first 3 requests came from DE.");
    }

    private static void Request(DetectorHarness harness, int apiKeyId, string? country) => harness.Response(Address, 200, "/v1/chat/completions", apiKeyId, country);

    private static UnusualCountryDetector Detector(int maxTrackedKeys = 10_000) =>
        new(Options.Create(new UnusualCountryDetectorOptions { LearningRequests = 3, MaxTrackedKeys = maxTrackedKeys }));
}
