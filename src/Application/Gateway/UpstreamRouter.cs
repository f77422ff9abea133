using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Gateway.DemoModel;

namespace CleanDashboard.Application.Gateway;

/// <summary>
/// Chooses where a request goes from its <c>model</c>: the built-in demo model first (so a catch-all <c>*</c>
/// upstream never swallows it), then the first model route (<c>Gateway:ModelRoutes</c>) whose pattern matches, whose
/// upstreams share the requests by weight, then the first upstream, in configuration order, with a matching pattern.
/// </summary>
public sealed class UpstreamRouter(IReadOnlyList<Upstream> upstreams, bool demoModelEnabled, IUpstreamPaths paths, IReadOnlyList<UpstreamPool>? pools = null)
{
    private readonly IReadOnlyList<UpstreamPool> _pools = pools ?? [];

    /// <summary>The upstream name recorded for requests the built-in demo model answered.</summary>
    public const string DemoUpstreamName = "demo";

    public const string UpstreamsConfigurationKey = "Gateway:Upstreams";

    public const string ModelRoutesConfigurationKey = "Gateway:ModelRoutes";

    public IReadOnlyList<Upstream> Upstreams => upstreams;

    public IReadOnlyList<UpstreamPool> Pools => _pools;

    public bool DemoModelEnabled => demoModelEnabled;

    public bool IsDemoModel(string model) =>
        demoModelEnabled && string.Equals(model, DemoEcho.ModelName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The first upstream with a pattern matching the model, or null.</summary>
    public Upstream? FindUpstream(string model)
    {
        foreach (var upstream in upstreams)
        {
            foreach (var pattern in upstream.ModelPatterns)
            {
                if (ModelPattern.Matches(pattern, model))
                {
                    return upstream;
                }
            }
        }

        return null;
    }

    /// <summary>The first model route whose pattern matches the model, or null.</summary>
    public UpstreamPool? FindPool(string model) => _pools.FirstOrDefault(p => p.Serves(model));

    /// <summary>True when a request for the model could be sent to this upstream (and not to the demo model, another route or an earlier upstream).</summary>
    public bool RoutesTo(string model, Upstream upstream) =>
        !IsDemoModel(model) && (FindPool(model) is { } pool ? pool.Contains(upstream) : ReferenceEquals(FindUpstream(model), upstream));

    /// <summary>The model names the upstream is known to serve without asking it: its own patterns and those of the routes it is in, without a wildcard.</summary>
    public IEnumerable<string> LiteralModelNames(Upstream upstream) => upstream.LiteralModelNames
        .Concat(_pools.Where(p => p.Contains(upstream) && !p.ModelPattern.Contains(ModelPattern.Wildcard, StringComparison.Ordinal)).Select(p => p.ModelPattern))
        .Where(name => RoutesTo(name, upstream))
        .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="NotFoundException">No upstream serves the model.</exception>
    /// <exception cref="InvalidGatewayRequestException">The upstream that serves the model does not speak the API of the route.</exception>
    public GatewayTarget Route(string model, GatewayOperation operation)
    {
        if (IsDemoModel(model))
        {
            return GatewayTarget.DemoModel;
        }

        var pool = FindPool(model);
        IReadOnlyList<Upstream> order = pool?.NextAttemptOrder()
            ?? (FindUpstream(model) is { } single ? [single] : throw new NotFoundException(
                $"No upstream serves the model '{model}'. Add a pattern that matches it to the Models of an upstream in the {UpstreamsConfigurationKey} configuration, or use a model listed by GET /v1/models."));

        var candidates = order
            .Select(u => (Upstream: u, Path: paths.UpstreamPath(u.Kind, operation)))
            .Where(c => c.Path is not null)
            .Select(c => new UpstreamCandidate(c.Upstream, Address(c.Upstream, c.Path!)))
            .ToList();
        if (candidates.Count == 0)
        {
            throw new InvalidGatewayRequestException(
                "model", $"The model '{model}' is served by the upstream '{order[0].Name}', which speaks the {order[0].Kind} API: call it through that API's routes, not this {operation.Api()} route.", GatewayErrorCodes.InvalidValue);
        }

        return new GatewayTarget(candidates[0].Upstream, candidates[0].Address) { Candidates = candidates, Balanced = pool is not null };
    }

    /// <summary>The upstream's address for a path relative to its base URL.</summary>
    public static Uri Address(Upstream upstream, string relativePath) => new(upstream.BaseUrl.AbsoluteUri.TrimEnd('/') + "/" + relativePath);
}
