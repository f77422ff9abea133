using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;

/// <summary>One request log as the admin screens show it; <see cref="ApiKeyName"/> is the name of the key it was made with (not sealed: the detail adds its capture, <see cref="GetRequestLog.RequestLogDetailDto"/>).</summary>
public record RequestLogDto(
    long Id,
    DateTime CreatedAt,
    string Endpoint,
    string Method,
    int StatusCode,
    double LatencyMs,
    double? TtftMs,
    string ModelName,
    int? PromptTokens,
    int? CompletionTokens,
    int? TotalTokens,
    decimal? CostUsd,
    string CountryCode,
    string? IpAddress,
    int? UserId,
    string? UserName,
    int? ApiKeyId,
    string? Upstream,
    int? CachedInputTokens,
    int? CacheCreationTokens,
    int? ReasoningTokens,
    bool UsageEstimated,
    string? ApiKeyName,
    string Source)
{
    public static readonly IReadOnlyList<string> Columns = ListValues.ColumnsOf<RequestLogDto>();
}
