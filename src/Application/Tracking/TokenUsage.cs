namespace CleanDashboard.Application.Tracking;

/// <summary>
/// Model and token counts read from an answer; any part may be missing. Counts are normalized across protocols:
/// <see cref="PromptTokens"/> is every input token (for Anthropic: <c>input_tokens</c> + <c>cache_read_input_tokens</c>
/// + <c>cache_creation_input_tokens</c>), of which <see cref="CachedInputTokens"/> were read from the provider's prompt
/// cache and <see cref="CacheCreationTokens"/> were written to it; <see cref="CompletionTokens"/> is every output token,
/// of which <see cref="ReasoningTokens"/> were reasoning.
/// </summary>
public sealed record TokenUsage(string? Model, int? PromptTokens, int? CompletionTokens, int? TotalTokens)
{
    public static readonly TokenUsage None = new(null, null, null, null);

    /// <summary>Input tokens served from the prompt cache (OpenAI <c>cached_tokens</c>, Anthropic <c>cache_read_input_tokens</c>); part of <see cref="PromptTokens"/>.</summary>
    public int? CachedInputTokens { get; init; }

    /// <summary>Input tokens written to the prompt cache (Anthropic <c>cache_creation_input_tokens</c>); part of <see cref="PromptTokens"/>.</summary>
    public int? CacheCreationTokens { get; init; }

    /// <summary>Reasoning tokens (<c>reasoning_tokens</c>); part of <see cref="CompletionTokens"/>.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>True when the counts were made by a tokenizer from the streamed text because the upstream reported none.</summary>
    public bool Estimated { get; init; }

    public bool HasTokens => PromptTokens is not null || CompletionTokens is not null || TotalTokens is not null;
}
