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

    /// <summary>Why the model stopped, per choice in order (OpenAI <c>finish_reason</c>, Anthropic <c>stop_reason</c>, Ollama <c>done_reason</c>, Responses API <c>status</c>); null when the answer said none.</summary>
    public IReadOnlyList<string>? FinishReasons { get; init; }

    /// <summary>Value equality, the finish reasons compared element by element (a record compares the list by reference).</summary>
    public bool Equals(TokenUsage? other) =>
        other is not null
        && (Model, PromptTokens, CompletionTokens, TotalTokens, CachedInputTokens, CacheCreationTokens, ReasoningTokens, Estimated)
            == (other.Model, other.PromptTokens, other.CompletionTokens, other.TotalTokens, other.CachedInputTokens, other.CacheCreationTokens, other.ReasoningTokens, other.Estimated)
        && (FinishReasons ?? []).SequenceEqual(other.FinishReasons ?? []);

    public override int GetHashCode() =>
        HashCode.Combine(Model, PromptTokens, CompletionTokens, TotalTokens, CachedInputTokens, CacheCreationTokens, ReasoningTokens, Estimated);

    public bool HasTokens => PromptTokens is not null || CompletionTokens is not null || TotalTokens is not null;
}
