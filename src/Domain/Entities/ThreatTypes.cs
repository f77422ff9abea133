namespace CleanDashboard.Domain.Entities;

/// <summary>The kinds of incident the threat detectors raise, as stored in <see cref="ThreatLog.ThreatType"/>.</summary>
public static class ThreatTypes
{
    public const string RateLimit = "rate_limit";
    public const string BruteForce = "brute_force";
    public const string PromptInjection = "prompt_injection";
    public const string Scanner = "scanner";
    public const string OversizedPayload = "oversized_payload";

    public static readonly IReadOnlyList<string> All = [RateLimit, BruteForce, PromptInjection, Scanner, OversizedPayload];
}
