namespace CleanDashboard.Domain.Entities;

/// <summary>One API request, recorded by the tracking middleware.</summary>
public class RequestLog
{
    public const int EndpointMaxLength = 64;
    public const int MethodMaxLength = 10;
    public const int ModelNameMaxLength = 128;
    public const int CountryCodeLength = 2;
    public const int IpAddressMaxLength = 45;
    public const int UpstreamMaxLength = 64;
    public const int SourceMaxLength = 16;

    /// <summary>Decimal places of stored money (docs/decisions/060-exact-money.md).</summary>
    public const int CostDecimals = 10;

    public long Id { get; set; }

    public DateTime CreatedAt { get; set; }

    public string Endpoint { get; set; } = string.Empty;

    public string Method { get; set; } = string.Empty;

    public int StatusCode { get; set; }

    public double LatencyMs { get; set; }

    /// <summary>Time to the first byte of the answer; set for gateway requests.</summary>
    public double? TtftMs { get; set; }

    public string ModelName { get; set; } = string.Empty;

    public int? PromptTokens { get; set; }

    public int? CompletionTokens { get; set; }

    public int? TotalTokens { get; set; }

    /// <summary>See <c>TokenUsage.CachedInputTokens</c>: input tokens read from the prompt cache, part of <see cref="PromptTokens"/>.</summary>
    public int? CachedInputTokens { get; set; }

    /// <summary>Input tokens written to the prompt cache, part of <see cref="PromptTokens"/>.</summary>
    public int? CacheCreationTokens { get; set; }

    /// <summary>Reasoning tokens, part of <see cref="CompletionTokens"/>.</summary>
    public int? ReasoningTokens { get; set; }

    /// <summary>True when the token counts were estimated with a tokenizer because the upstream reported none.</summary>
    public bool UsageEstimated { get; set; }

    /// <summary>USD, exact to 1e-10 (<see cref="CostDecimals"/>); <c>null</c> when the price or the usage is unknown, never an invented zero.</summary>
    public decimal? CostUsd { get; set; }

    public string CountryCode { get; set; } = string.Empty;

    public string? IpAddress { get; set; }

    public int? UserId { get; set; }

    public User? User { get; set; }

    public int? ApiKeyId { get; set; }

    public ApiKey? ApiKey { get; set; }

    /// <summary>Name of the gateway upstream that served the request, if any.</summary>
    public string? Upstream { get; set; }

    /// <summary>How the request reached us: <see cref="RequestSources.Gateway"/> (tracked here) or <see cref="RequestSources.Otlp"/> (a span an app exported).</summary>
    public string Source { get; set; } = RequestSources.Gateway;

    public bool IsSuccess => StatusCode < 400;
}
