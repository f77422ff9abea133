namespace CleanDashboard.Application.Gateway;

/// <summary>
/// Where one request goes: the built-in demo model (no upstream) or an upstream address, first of the
/// <see cref="Candidates"/> the request may fail over to, in the order they are tried.
/// </summary>
public sealed record GatewayTarget(Upstream? Upstream, Uri? Address)
{
    public static readonly GatewayTarget DemoModel = new(null, null);

    public bool IsDemoModel => Upstream is null;

    public IReadOnlyList<UpstreamCandidate> Candidates { get; init; } = [];

    /// <summary>True when a model route chose the upstream: the request fails over between its candidates, each behind its circuit breaker.</summary>
    public bool Balanced { get; init; }
}

/// <summary>An upstream that can serve the request, and its address for the request's operation.</summary>
public sealed record UpstreamCandidate(Upstream Upstream, Uri Address);
