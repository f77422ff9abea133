using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.UsageStats.Queries.ListModelUsageStats;

/// <summary>One UTC day's totals for one model.</summary>
public sealed record ModelUsageStatsDto(
    long Id,
    DateOnly Date,
    string ModelName,
    int TotalRequests,
    int SuccessfulRequests,
    int FailedRequests,
    long TotalTokens,
    decimal TotalCost,
    double AvgLatencyMs)
{
    public static readonly IReadOnlyList<string> Columns = ListValues.ColumnsOf<ModelUsageStatsDto>();
}
