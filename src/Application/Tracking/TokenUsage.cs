namespace CleanDashboard.Application.Tracking;

/// <summary>Model and token counts read from an answer; any part may be missing.</summary>
public sealed record TokenUsage(string? Model, int? PromptTokens, int? CompletionTokens, int? TotalTokens)
{
    public static readonly TokenUsage None = new(null, null, null, null);

    public bool HasTokens => PromptTokens is not null || CompletionTokens is not null || TotalTokens is not null;
}
