namespace CleanDashboard.Application.Dashboard.Queries.GetDashboard;

/// <summary>The dashboard document of the specification, field for field.</summary>
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
    ThreatsDto Threats);

public sealed record RequestPointDto(DateTime Timestamp, long Success, long Error);

public sealed record CostPointDto(DateTime Timestamp, decimal Cost);

/// <summary>Average latency of the bucket in seconds.</summary>
public sealed record LatencyPointDto(DateTime Timestamp, double Latency);

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
}

public sealed record UsersDto(long ActiveUsers, long TotalSessions, decimal AvgSessionCost, double AvgSessionRequests);

public sealed record FeedbackDto(long TotalFeedback, double AvgRating, IReadOnlyDictionary<string, long> RatingDistribution);

public sealed record ThreatsDto(long TotalThreats, long UnresolvedThreats, long CriticalThreats, long HighThreats, IReadOnlyList<ThreatTypeCountDto> TopThreatTypes);

public sealed record ThreatTypeCountDto(string Type, long Count);
