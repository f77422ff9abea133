using CleanDashboard.Application.Threats.Detection.Detectors;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.UnitTests.Threats.Detection.Detectors;

public sealed class ScannerDetectorTests
{
    private const string Address = "203.0.113.20";

    [Fact]
    public void Inspect_WhenBurstOf404sOnScannerPaths_ShouldReportOneLowIncidentNamingTheFirstFragment()
    {
        var harness = new DetectorHarness(Scanner(new ScannerDetectorOptions { Threshold = 3 }));
        harness.Response(Address, 404, "/.ENV");
        harness.Response(Address, 404, "/wp-admin/");
        harness.Queue.Threats.Should().BeEmpty();

        harness.Response(Address, 404, "/shell.php");
        harness.Queue.Threats.Select(t => (t.ThreatType, t.Severity, t.Occurrences, t.Description)).Should().Equal(
            ("scanner", ThreatSeverity.Low, 3, "Burst of 404s on paths typical of vulnerability scanners (such as .php): 3 or more within 60 s."));
    }

    [Fact]
    public void Inspect_WhenOrdinary404sOrScannerPathsThatExist_ShouldReportNothing()
    {
        var harness = new DetectorHarness(Scanner(new ScannerDetectorOptions { Threshold = 1 }));
        harness.Response(Address, 404, "/no-such-page");
        harness.Response(Address, 200, "/.env");
        harness.Response(Address, 401, "/wp-admin");

        harness.Queue.Threats.Should().BeEmpty();
    }

    [Fact]
    public void Inspect_WhenPathsAreConfigured_ShouldUseThemInsteadOfTheBuiltInList()
    {
        var harness = new DetectorHarness(Scanner(new ScannerDetectorOptions { Threshold = 1, Paths = ["/Secret-Admin"] }));
        harness.Response(Address, 404, "/.env");
        harness.Response(Address, 404, "/secret-admin/login");

        harness.Queue.Threats.Select(t => t.Description).Should().Equal(
            "Burst of 404s on paths typical of vulnerability scanners (such as /secret-admin): 1 or more within 60 s.");
    }

    private static ScannerDetector Scanner(ScannerDetectorOptions options) => new(Options.Create(options));
}
