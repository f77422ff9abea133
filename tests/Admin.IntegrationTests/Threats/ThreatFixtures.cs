namespace CleanDashboard.Admin.IntegrationTests.Threats;

/// <summary>Detectors with small thresholds so a short scripted sequence raises them; limits out of the way.</summary>
public sealed class ThreatDetectionFactory : AdminApiFactory
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["ThreatDetection:BruteForce:Threshold"] = "5",
        ["ThreatDetection:BruteForce:WindowSeconds"] = "60",
        ["ThreatDetection:Scanner:Threshold"] = "5",
        ["ThreatDetection:Scanner:WindowSeconds"] = "60",
    };
}

/// <summary>Three requests per key per minute, an incident after two rejections, high past three; injection blocked.</summary>
public sealed class StrictLimitsFactory : AdminApiFactory
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["ThreatDetection:RateLimit:PermitsPerKey"] = "3",
        ["ThreatDetection:RateLimit:LimiterWindowSeconds"] = "60",
        ["ThreatDetection:RateLimit:Threshold"] = "2",
        ["ThreatDetection:RateLimit:WindowSeconds"] = "60",
        ["ThreatDetection:RateLimit:EscalateAfter"] = "3",
        ["ThreatDetection:PromptInjection:Block"] = "true",
    };
}

/// <summary>Every detector switched off.</summary>
public sealed class DetectorsOffFactory : AdminApiFactory
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["ThreatDetection:RateLimit:Enabled"] = "false",
        ["ThreatDetection:RateLimit:PermitsPerKey"] = "1",
        ["ThreatDetection:BruteForce:Enabled"] = "false",
        ["ThreatDetection:BruteForce:Threshold"] = "1",
        ["ThreatDetection:Scanner:Enabled"] = "false",
        ["ThreatDetection:Scanner:Threshold"] = "1",
        ["ThreatDetection:OversizedPayload:Enabled"] = "false",
        ["ThreatDetection:PromptInjection:Enabled"] = "false",
        ["ThreatDetection:PromptInjection:Block"] = "true",
    };
}

/// <summary>Brute force and prompt injection in <c>Mode: Block</c>: two failed keys block an address for a minute.</summary>
public sealed class BlockingDetectorsFactory : AdminApiFactory
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["ThreatDetection:BruteForce:Mode"] = "Block",
        ["ThreatDetection:BruteForce:Threshold"] = "2",
        ["ThreatDetection:BruteForce:WindowSeconds"] = "60",
        ["ThreatDetection:PromptInjection:Mode"] = "Block",
    };
}
