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

    /// <summary><c>POST /v1/responses</c></summary>
    Responses,

    /// <summary><c>POST /ollama/api/chat</c></summary>
    OllamaChat,

    /// <summary><c>POST /ollama/api/generate</c></summary>
    OllamaGenerate,

    /// <summary><c>POST /ollama/api/embed</c></summary>
    OllamaEmbed,

    /// <summary><c>POST /ollama/api/embeddings</c>: Ollama's legacy embeddings, one <c>prompt</c>, one <c>embedding</c>.</summary>
    OllamaLegacyEmbeddings,

    /// <summary><c>POST /ollama/api/show</c>: a model's details.</summary>
    OllamaShow,

    /// <summary><c>POST /v1/messages</c></summary>
    AnthropicMessages,

    /// <summary><c>POST /v1/messages/count_tokens</c></summary>
    AnthropicCountTokens,
}

public static class GatewayOperations
{
    /// <summary>The API whose route the client called: its body, answer and error shapes are that API's.</summary>
    public static UpstreamKind Api(this GatewayOperation operation) => operation switch
    {
        GatewayOperation.ChatCompletions or GatewayOperation.Completions or GatewayOperation.Embeddings or GatewayOperation.Responses => UpstreamKind.OpenAI,
        GatewayOperation.OllamaChat or GatewayOperation.OllamaGenerate or GatewayOperation.OllamaEmbed
            or GatewayOperation.OllamaLegacyEmbeddings or GatewayOperation.OllamaShow => UpstreamKind.Ollama,
        GatewayOperation.AnthropicMessages or GatewayOperation.AnthropicCountTokens => UpstreamKind.Anthropic,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown gateway operation."),
    };

    /// <summary>True for the Ollama-compatible routes.</summary>
    public static bool SpeaksOllama(this GatewayOperation operation) => operation.Api() == UpstreamKind.Ollama;

    /// <summary>Ollama streams unless told not to; the OpenAI and Anthropic APIs answer in one piece unless told to stream.</summary>
    public static bool StreamsByDefault(this GatewayOperation operation) =>
        operation is GatewayOperation.OllamaChat or GatewayOperation.OllamaGenerate;
}
