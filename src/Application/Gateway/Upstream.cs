namespace CleanDashboard.Application.Gateway;

/// <summary>A model server the gateway forwards to, and the model name patterns it serves (<c>*</c> matches any run of characters).</summary>
public sealed record Upstream(string Name, Uri BaseUrl, UpstreamKind Kind, string? ApiKey, IReadOnlyList<string> ModelPatterns)
{
    /// <summary>The patterns without a wildcard: model names this upstream is known to serve even when its model list cannot be fetched.</summary>
    public IEnumerable<string> LiteralModelNames => ModelPatterns.Where(p => !p.Contains(ModelPattern.Wildcard, StringComparison.Ordinal));

    /// <summary>The price catalog's provider id (<c>openai</c>, <c>anthropic</c>, …) configured for this upstream.</summary>
    public string? Provider { get; init; }

    /// <summary>
    /// Whose prices apply: the configured provider, else for an OpenAI- or Anthropic-kind upstream its API root (the
    /// catalog knows api.openai.com, api.anthropic.com, api.groq.com, …); an Ollama server is self-hosted and names none.
    /// </summary>
    public string? PricingProvider => Provider ?? (Kind == UpstreamKind.Ollama ? null : BaseUrl.AbsoluteUri);
}
