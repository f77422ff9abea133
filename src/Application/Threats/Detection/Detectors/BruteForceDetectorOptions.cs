namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary><c>ThreatDetection:BruteForce</c>: failed authentications (401) from one address.</summary>
public sealed class BruteForceDetectorOptions : BlockingDetectorOptions, IOptionsSection
{
    public BruteForceDetectorOptions()
    {
        Threshold = 10;
        WindowSeconds = 300;
    }

    public static string Section => "ThreatDetection:BruteForce";
}
