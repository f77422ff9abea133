namespace CleanDashboard.Application.Tracking;

/// <summary>Everything the tracking middleware learned about one request, on its way to the background writer.</summary>
public sealed record TrackedRequest
{
    public required DateTime CreatedAt { get; init; }

    public required string Endpoint { get; init; }

    public required string Method { get; init; }

    public required int StatusCode { get; init; }

    public required double LatencyMs { get; init; }

    public double? TtftMs { get; init; }

    public string ModelName { get; init; } = string.Empty;

    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }

    public int? TotalTokens { get; init; }

    /// <summary>See <see cref="TokenUsage.CachedInputTokens"/>.</summary>
    public int? CachedInputTokens { get; init; }

    /// <summary>See <see cref="TokenUsage.CacheCreationTokens"/>.</summary>
    public int? CacheCreationTokens { get; init; }

    /// <summary>See <see cref="TokenUsage.ReasoningTokens"/>.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>See <see cref="TokenUsage.Estimated"/>.</summary>
    public bool UsageEstimated { get; init; }

    /// <summary>See <see cref="TokenUsage.FinishReasons"/>; for the gateway's spans, not stored.</summary>
    public IReadOnlyList<string>? FinishReasons { get; init; }

    public decimal? CostUsd { get; init; }

    public string CountryCode { get; init; } = string.Empty;

    public string? IpAddress { get; init; }

    public int? UserId { get; init; }

    public int? ApiKeyId { get; init; }

    /// <summary>An ingested span's end user (<c>user.id</c> / <c>enduser.id</c>): the writer files the request under that end user of <see cref="UserId"/>; null for everything else.</summary>
    public string? EndUserId { get; init; }

    /// <summary>An ingested span's <c>gen_ai.conversation.id</c>: the session it belongs to, whatever the idle gaps; null for everything else.</summary>
    public string? ConversationId { get; init; }

    public string? Upstream { get; init; }

    /// <summary>The upstreams a balanced request tried before <see cref="Upstream"/>, in order; null when the first one answered.</summary>
    public IReadOnlyList<FailedUpstreamAttempt>? FailedAttempts { get; init; }

    public string UserAgent { get; init; } = string.Empty;

    /// <summary>Whose prices applied (a catalog provider id, an upstream's API root, or the span's <c>gen_ai.provider.name</c>); for the metrics, not stored.</summary>
    public string? Provider { get; init; }

    /// <summary>See <see cref="Domain.Entities.RequestLog.Source"/>.</summary>
    public string Source { get; init; } = Domain.Entities.RequestSources.Gateway;

    /// <summary>The request's and answer's bodies, redacted and compressed, when capture covers the request; else null.</summary>
    public Capture.CapturedExchange? Capture { get; init; }

    /// <summary>Threats this request's body raised, written in the same batch and linked to its request log; null when none.</summary>
    public IReadOnlyList<Threats.Common.ThreatEvent>? Threats { get; init; }
}
