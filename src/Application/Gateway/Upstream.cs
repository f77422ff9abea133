namespace CleanDashboard.Application.Gateway;

/// <summary>A model server the gateway forwards to, and the model name patterns it serves (<c>*</c> matches any run of characters).</summary>
public sealed record Upstream(string Name, Uri BaseUrl, UpstreamKind Kind, string? ApiKey, IReadOnlyList<string> ModelPatterns)
{
    /// <summary>The patterns without a wildcard: model names this upstream is known to serve even when its model list cannot be fetched.</summary>
    public IEnumerable<string> LiteralModelNames => ModelPatterns.Where(p => !p.Contains(ModelPattern.Wildcard, StringComparison.Ordinal));
}
