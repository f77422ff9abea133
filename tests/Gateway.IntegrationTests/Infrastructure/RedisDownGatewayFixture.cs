namespace CleanDashboard.Gateway.IntegrationTests.Infrastructure;

/// <summary>The gateway with <c>Cache:Redis</c> naming a loopback port nobody listens on: the shared counters cannot be reached.</summary>
public class RedisDownGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Cache:Redis"] = $"127.0.0.1:{DeadRedisPort}",
        ["Budgets:FailureMode"] = FailureMode,
    };

    protected virtual string FailureMode => "Closed";

    private static int DeadRedisPort { get; } = UnusedPort();
}

/// <summary>As <see cref="RedisDownGatewayFixture"/>, with <c>Budgets:FailureMode</c> open.</summary>
public sealed class RedisDownFailOpenGatewayFixture : RedisDownGatewayFixture
{
    protected override string FailureMode => "Open";
}
