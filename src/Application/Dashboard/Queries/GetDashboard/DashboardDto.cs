using System.ComponentModel;

namespace CleanDashboard.Application.Dashboard.Queries.GetDashboard;

/// <summary>
/// The dashboard document of the specification, field for field, and issue 13's additions after them. Immutable
/// (read-only lists, init-only), so the cache hands out its one instance instead of deserializing a copy per read.
/// </summary>
[ImmutableObject(true)]
public sealed record DashboardDto(
    string Range,
    DateTime GeneratedAt,
    IReadOnlyList<RequestPointDto> Requests,
    IReadOnlyList<LabelValueDto> ErrorsBreakdown,
    IReadOnlyList<NamedCountDto> TopModels,
    IReadOnlyList<CostPointDto> Costs,
    IReadOnlyList<NamedCountDto> TopCountries,
    IReadOnlyList<LatencyPointDto> Latency,
    SummaryDto Summary,
    UsersDto Users,
    FeedbackDto Feedback,
    ThreatsDto Threats)
{
    public IReadOnlyList<TopUserDto> TopUsers { get; init; } = [];

    public IReadOnlyList<TopApiKeyDto> TopApiKeys { get; init; } = [];

    public IReadOnlyList<TopEndpointDto> TopEndpoints { get; init; } = [];

    public required PreviousPeriodDto Previous { get; init; }

    /// <summary>The IANA zone whose local days the daily buckets are.</summary>
    public string TimeZone { get; init; } = "UTC";

    public required FiltersDto Filters { get; init; }
}

/// <summary>Top users by cost, then requests, then name.</summary>
public sealed record TopUserDto(int Id, string Name, long Requests, long Tokens, decimal Cost);

/// <summary>Top API keys by cost, then requests, then name; with the name of the key's user.</summary>
public sealed record TopApiKeyDto(int Id, string Name, string UserName, long Requests, long Tokens, decimal Cost);

/// <summary>Endpoints (route templates) by requests, with their errors and 95th-percentile latency.</summary>
public sealed record TopEndpointDto(string Name, long Requests, long Errors, double? P95LatencyMs);

/// <summary>The window of the same length just before this one, for the cards' deltas.</summary>
public sealed record PreviousPeriodDto(
    long TotalRequests,
    long SuccessfulRequests,
    decimal TotalCost,
    long TotalTokens,
    double AvgLatencyMs,
    double? P95LatencyMs,
    long ActiveUsers);

/// <summary>The filters applied, and the figures they are not applied to (<c>threats</c> always; <c>sessions</c> under a model or endpoint filter).</summary>
public sealed record FiltersDto(string? Model, int? UserId, int? ApiKeyId, string? Endpoint, string? Source, IReadOnlyList<string> NotApplied);

public sealed record RequestPointDto(DateTime Timestamp, long Success, long Error);

public sealed record CostPointDto(DateTime Timestamp, decimal Cost);

/// <summary>Average latency of the bucket in seconds; its percentiles and average time to first token, null in a bucket without requests (or TTFT).</summary>
public sealed record LatencyPointDto(DateTime Timestamp, double Latency)
{
    public double? P50 { get; init; }

    public double? P95 { get; init; }

    public double? P99 { get; init; }

    public double? Ttft { get; init; }
}

public sealed record LabelValueDto(string Label, long Value);

public sealed record NamedCountDto(string Name, long Requests);

public sealed record SummaryDto(
    long TotalRequests,
    long SuccessfulRequests,
    double AvgLatencyMs,
    decimal TotalCost,
    long TotalTokens,
    double AvgTokensPerRequest,
    decimal AvgCostPerRequest)
{
    /// <summary>Requests that reported tokens but have no cost because no price is known for their model; a failed call without usage is not one.</summary>
    public long UnpricedRequests { get; init; }

    /// <summary>The models of those requests, most unpriced requests first, ties by name.</summary>
    public IReadOnlyList<string> UnpricedModels { get; init; } = [];

    /// <summary>Nearest-rank latency percentiles, within 1 % of the exact value; null without requests.</summary>
    public double? P50LatencyMs { get; init; }

    public double? P95LatencyMs { get; init; }

    public double? P99LatencyMs { get; init; }

    /// <summary>Time to first token, over the requests that have one; null when none has.</summary>
    public double? AvgTtftMs { get; init; }

    public double? P50TtftMs { get; init; }

    public double? P95TtftMs { get; init; }
}

public sealed record UsersDto(long ActiveUsers, long TotalSessions, decimal AvgSessionCost, double AvgSessionRequests);

public sealed record FeedbackDto(long TotalFeedback, double AvgRating, IReadOnlyDictionary<string, long> RatingDistribution);

public sealed record ThreatsDto(long TotalThreats, long UnresolvedThreats, long CriticalThreats, long HighThreats, IReadOnlyList<ThreatTypeCountDto> TopThreatTypes);

public sealed record ThreatTypeCountDto(string Type, long Count);
