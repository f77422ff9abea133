namespace CleanDashboard.Application.Gateway;

/// <summary>Which API an upstream speaks (and, for a route, which API its clients speak).</summary>
public enum UpstreamKind
{
    /// <summary>The OpenAI API; its base URL includes the version, e.g. <c>https://api.openai.com/v1</c>.</summary>
    OpenAI,

    /// <summary>An Ollama server; its base URL is the server root, e.g. <c>http://127.0.0.1:11434</c>. It also serves the OpenAI API under <c>/v1</c>.</summary>
    Ollama,

    /// <summary>The Anthropic Messages API; its base URL includes the version, e.g. <c>https://api.anthropic.com/v1</c>.</summary>
    Anthropic,
}
