namespace CleanDashboard.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The gateway of <see cref="GatewayFixture"/> with a tight rate limit (<see cref="PermitsPerKey"/> requests per key in
/// an hour-long window, so a test's own requests never see it reset) and prompt-injection blocking on.
/// </summary>
public sealed class StrictGatewayFixture : GatewayFixture
{
    public const int PermitsPerKey = 2;
    public const int LimiterWindowSeconds = 3600;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["ThreatDetection:RateLimit:PermitsPerKey"] = PermitsPerKey.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ThreatDetection:RateLimit:LimiterWindowSeconds"] = LimiterWindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ThreatDetection:PromptInjection:Block"] = "true",
    };
}
