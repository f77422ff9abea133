namespace CleanDashboard.Application.Gateway;

/// <summary>Where one request goes: the built-in demo model (no upstream) or an upstream address.</summary>
public sealed record GatewayTarget(Upstream? Upstream, Uri? Address)
{
    public static readonly GatewayTarget DemoModel = new(null, null);

    public bool IsDemoModel => Upstream is null;
}
