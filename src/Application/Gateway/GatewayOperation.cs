namespace CleanDashboard.Application.Gateway;

/// <summary>What a client asked the gateway to do, by route.</summary>
public enum GatewayOperation
{
    /// <summary><c>POST /v1/chat/completions</c></summary>
    ChatCompletions,

    /// <summary><c>POST /v1/completions</c></summary>
    Completions,

    /// <summary><c>POST /v1/embeddings</c></summary>
    Embeddings,

    /// <summary><c>POST /ollama/api/chat</c></summary>
    OllamaChat,

    /// <summary><c>POST /ollama/api/generate</c></summary>
    OllamaGenerate,

    /// <summary><c>POST /ollama/api/embed</c></summary>
    OllamaEmbed,
}

public static class GatewayOperations
{
    /// <summary>True for the Ollama-compatible routes, false for the OpenAI-compatible ones.</summary>
    public static bool SpeaksOllama(this GatewayOperation operation) =>
        operation is GatewayOperation.OllamaChat or GatewayOperation.OllamaGenerate or GatewayOperation.OllamaEmbed;

    public static bool IsEmbedding(this GatewayOperation operation) =>
        operation is GatewayOperation.Embeddings or GatewayOperation.OllamaEmbed;

    /// <summary>Ollama streams unless told not to; the OpenAI API answers in one piece unless told to stream.</summary>
    public static bool StreamsByDefault(this GatewayOperation operation) =>
        operation is GatewayOperation.OllamaChat or GatewayOperation.OllamaGenerate;

    /// <summary>The path, relative to an upstream's base URL, that serves the operation; null when that kind of upstream cannot.</summary>
    public static string? UpstreamPath(this GatewayOperation operation, UpstreamKind kind) => (operation, kind) switch
    {
        (GatewayOperation.ChatCompletions, UpstreamKind.OpenAI) => "chat/completions",
        (GatewayOperation.Completions, UpstreamKind.OpenAI) => "completions",
        (GatewayOperation.Embeddings, UpstreamKind.OpenAI) => "embeddings",
        (GatewayOperation.ChatCompletions, UpstreamKind.Ollama) => "v1/chat/completions",
        (GatewayOperation.Completions, UpstreamKind.Ollama) => "v1/completions",
        (GatewayOperation.Embeddings, UpstreamKind.Ollama) => "v1/embeddings",
        (GatewayOperation.OllamaChat, UpstreamKind.Ollama) => "api/chat",
        (GatewayOperation.OllamaGenerate, UpstreamKind.Ollama) => "api/generate",
        (GatewayOperation.OllamaEmbed, UpstreamKind.Ollama) => "api/embed",
        _ => null,
    };

    /// <summary>The path, relative to an upstream's base URL, that lists its models.</summary>
    public static string ModelListPath(this UpstreamKind kind) => kind == UpstreamKind.OpenAI ? "models" : "api/tags";
}
