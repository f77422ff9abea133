namespace CleanDashboard.Domain.Entities;

/// <summary>
/// The kinds of incident the built-in threat detectors raise, as stored in <see cref="ThreatLog.ThreatType"/>. The list of
/// types offered to operators is the registered detectors' (Application's <c>ThreatTypeCatalog</c>), not a copy of these.
/// </summary>
public static class ThreatTypes
{
    public const string RateLimit = "rate_limit";
    public const string BruteForce = "brute_force";
    public const string PromptInjection = "prompt_injection";
    public const string Scanner = "scanner";
    public const string OversizedPayload = "oversized_payload";
}
