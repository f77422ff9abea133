namespace CleanDashboard.Application.Telemetry.Metrics;

/// <summary>The GenAI <c>gen_ai.operation.name</c> of a tracked request, from its route (gateway) or as ingested (OTLP).</summary>
public static class GenAiOperations
{
    public const string Chat = "chat";
    public const string TextCompletion = "text_completion";
    public const string Embeddings = "embeddings";

    public static string FromEndpoint(string endpoint) => endpoint switch
    {
        "/v1/chat/completions" or "/ollama/api/chat" => Chat,
        "/v1/completions" or "/ollama/api/generate" => TextCompletion,
        "/v1/embeddings" or "/ollama/api/embed" => Embeddings,
        _ when endpoint.StartsWith('/') => endpoint[(endpoint.LastIndexOf('/') + 1)..],
        _ => endpoint,
    };
}
