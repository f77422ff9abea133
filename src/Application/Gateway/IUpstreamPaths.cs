namespace CleanDashboard.Application.Gateway;

/// <summary>Where each kind of upstream serves each operation; implemented by the gateway's protocols.</summary>
public interface IUpstreamPaths
{
    /// <summary>The path, relative to an upstream's base URL, that serves the operation; null when that kind of upstream cannot.</summary>
    string? UpstreamPath(UpstreamKind kind, GatewayOperation operation);
}
