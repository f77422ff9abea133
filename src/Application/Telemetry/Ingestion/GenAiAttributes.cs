namespace CleanDashboard.Application.Telemetry.Ingestion;

/// <summary>
/// The span attributes ingestion reads, each with the names it is also sent under, newest first: the OpenTelemetry GenAI
/// semantic conventions, their older names (<c>gen_ai.system</c>, <c>gen_ai.usage.prompt_tokens</c>), and OpenInference's <c>llm.*</c>.
/// </summary>
public static class GenAiAttributes
{
    public static readonly string[] GenAiPrefixes = ["gen_ai.", "llm."];

    public static readonly string[] Operation = ["gen_ai.operation.name"];
    public static readonly string[] OpenInferenceSpanKind = ["openinference.span.kind"];
    public static readonly string[] ResponseModel = ["gen_ai.response.model"];
    public static readonly string[] RequestModel = ["gen_ai.request.model", "llm.model_name"];
    public static readonly string[] Provider = ["gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system"];
    public static readonly string[] InputTokens = ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt"];
    public static readonly string[] OutputTokens = ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion"];
    public static readonly string[] TotalTokens = ["gen_ai.usage.total_tokens", "llm.token_count.total"];
    public static readonly string[] CacheReadTokens = ["gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens", "llm.token_count.prompt_details.cache_read"];
    public static readonly string[] CacheCreationTokens = ["gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_creation_input_tokens", "llm.token_count.prompt_details.cache_write"];
    public static readonly string[] ReasoningTokens = ["gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens", "llm.token_count.completion_details.reasoning"];
    public static readonly string[] CostUsd = ["gen_ai.usage.cost", "llm.cost.total"];
    public static readonly string[] TimeToFirstChunkSeconds = ["gen_ai.response.time_to_first_chunk", "gen_ai.response.time_to_first_token"];
    public static readonly string[] ErrorType = ["error.type"];
    public static readonly string[] HttpStatus = ["http.response.status_code"];
    public static readonly string[] ServerAddress = ["server.address"];
    public static readonly string[] EndUserId = ["user.id", "enduser.id"];
    public static readonly string[] ConversationId = ["gen_ai.conversation.id"];

    public static bool IsGenAi(TelemetrySpan span) =>
        span.Attributes.Keys.Any(key => GenAiPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)));
}
