using CleanDashboard.Application.Gateway;

namespace CleanDashboard.WebApi.Gateway.Protocols;

/// <summary>The protocols the gateway speaks: which one a kind, a configured name, a route or a path belongs to.</summary>
public sealed class GatewayProtocols : IUpstreamPaths
{
    private readonly Dictionary<UpstreamKind, GatewayProtocol> _byKind;

    public GatewayProtocols(IEnumerable<GatewayProtocol> protocols)
    {
        All = protocols.ToList();
        _byKind = All.ToDictionary(p => p.Kind);
        PathPrefixes = All.SelectMany(p => p.PathPrefixes).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        PathPrefixesAndOwnApi = [OwnApiPrefix, .. PathPrefixes];
    }

    /// <summary>CleanDashboard's own API (dashboard, admin, feedback): problem+json, never a gateway protocol.</summary>
    public const string OwnApiPrefix = "/api/";

    public IReadOnlyList<GatewayProtocol> All { get; }

    /// <summary>Every gateway route's path prefix: what is tracked, rate-limited and scanned besides CleanDashboard's own <c>/api/</c>.</summary>
    public IReadOnlyList<string> PathPrefixes { get; }

    /// <summary>The gateway's prefixes and <see cref="OwnApiPrefix"/>: what request tracking and the rate limiter cover unless configured otherwise.</summary>
    public IReadOnlyList<string> PathPrefixesAndOwnApi { get; }

    /// <exception cref="InvalidOperationException">No protocol is registered for the kind.</exception>
    public GatewayProtocol For(UpstreamKind kind) =>
        _byKind.TryGetValue(kind, out var protocol) ? protocol : throw new InvalidOperationException($"No gateway protocol speaks the {kind} API.");

    public GatewayProtocol For(GatewayOperation operation) => For(operation.Api());

    public GatewayProtocol? ForConfigName(string name) =>
        All.FirstOrDefault(p => string.Equals(p.ConfigName, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The protocol of the matched gateway route, else of the longest gateway prefix the path is under; null outside the gateway.</summary>
    public GatewayProtocol? ForRequest(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<GatewayProtocol>() ?? ForPath(context.Request.Path);

    public GatewayProtocol? ForPath(PathString path)
    {
        var value = path.Value ?? string.Empty;
        return All
            .SelectMany(p => p.PathPrefixes.Where(prefix => PathPrefix.IsUnder(value, prefix)).Select(prefix => (Protocol: p, prefix.Length)))
            .OrderByDescending(match => match.Length)
            .Select(match => match.Protocol)
            .FirstOrDefault();
    }

    string? IUpstreamPaths.UpstreamPath(UpstreamKind kind, GatewayOperation operation) => For(kind).UpstreamPath(operation);
}

/// <summary>Path prefixes match whole segments: "/api/me" covers "/api/me" and "/api/me/…", not "/api/messages".</summary>
public static class PathPrefix
{
    public static bool IsUnder(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (prefix.EndsWith('/') || path.Length == prefix.Length || path[prefix.Length] == '/');
}
