using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Gateway.DemoModel;

namespace CleanDashboard.Application.Gateway;

/// <summary>
/// Chooses where a request goes from its <c>model</c>: the built-in demo model first (so a catch-all <c>*</c>
/// upstream never swallows it), then the first upstream, in configuration order, with a matching pattern.
/// </summary>
public sealed class UpstreamRouter(IReadOnlyList<Upstream> upstreams, bool demoModelEnabled, IUpstreamPaths paths)
{
    /// <summary>The upstream name recorded for requests the built-in demo model answered.</summary>
    public const string DemoUpstreamName = "demo";

    public const string UpstreamsConfigurationKey = "Gateway:Upstreams";

    public IReadOnlyList<Upstream> Upstreams => upstreams;

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

    /// <summary>True when a request for the model would be sent to this upstream (and not to the demo model or an earlier upstream).</summary>
    public bool RoutesTo(string model, Upstream upstream) => !IsDemoModel(model) && ReferenceEquals(FindUpstream(model), upstream);

    /// <exception cref="NotFoundException">No upstream serves the model.</exception>
    /// <exception cref="InvalidGatewayRequestException">The upstream that serves the model does not speak the API of the route.</exception>
    public GatewayTarget Route(string model, GatewayOperation operation)
    {
        if (IsDemoModel(model))
        {
            return GatewayTarget.DemoModel;
        }

        var upstream = FindUpstream(model) ?? throw new NotFoundException(
            $"No upstream serves the model '{model}'. Add a pattern that matches it to the Models of an upstream in the {UpstreamsConfigurationKey} configuration, or use a model listed by GET /v1/models.");

        var path = paths.UpstreamPath(upstream.Kind, operation) ?? throw new InvalidGatewayRequestException(
            "model", $"The model '{model}' is served by the upstream '{upstream.Name}', which speaks the {upstream.Kind} API: call it through that API's routes, not this {operation.Api()} route.", GatewayErrorCodes.InvalidValue);

        return new GatewayTarget(upstream, Address(upstream, path));
    }

    /// <summary>The upstream's address for a path relative to its base URL.</summary>
    public static Uri Address(Upstream upstream, string relativePath) => new(upstream.BaseUrl.AbsoluteUri.TrimEnd('/') + "/" + relativePath);
}
