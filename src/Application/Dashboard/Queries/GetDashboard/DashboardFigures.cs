using CleanDashboard.Application.Dashboard.Common;

namespace CleanDashboard.Application.Dashboard.Queries.GetDashboard;

/// <summary>The summary blocks of the dashboard, computed from the store's totals with the contract's rounding.</summary>
internal static class DashboardFigures
{
    /// <summary>Summed from the same bucket totals as the series, so every series adds up to its summary figure.</summary>
    public static SummaryDto Summary(IReadOnlyList<RequestBucketTotals> buckets, IReadOnlyList<LabelCount> unpricedModels, LatencyBucket? latency = null)
    {
        long success = 0, error = 0, tokens = 0, rowsWithTokens = 0, rowsWithCost = 0, latencyUs = 0;
        decimal cost = 0;
        foreach (var b in buckets)
        {
            success += b.Success;
            error += b.Error;
            latencyUs += b.LatencyUsSum;
            tokens += b.TokensSum;
            rowsWithTokens += b.RowsWithTokens;
            cost += b.CostSum;
            rowsWithCost += b.RowsWithCost;
        }

        var total = success + error;
        return new SummaryDto(
            total,
            success,
            Rounding.Milliseconds(total == 0 ? 0 : latencyUs / 1000d / total),
            Rounding.Money(cost),
            tokens,
            Rounding.Average(rowsWithTokens == 0 ? 0 : (double)tokens / rowsWithTokens),
            Rounding.Money(rowsWithCost == 0 ? 0 : cost / rowsWithCost))
        {
            // A row with a cost always has tokens, so the difference is exactly the rows with tokens and no cost.
            UnpricedRequests = rowsWithTokens - rowsWithCost,
            UnpricedModels = [.. unpricedModels.Select(m => m.Label)],
            P50LatencyMs = Rounding.MillisecondsFromMicroseconds(latency?.Latency.Percentile(50)),
            P95LatencyMs = Rounding.MillisecondsFromMicroseconds(latency?.Latency.Percentile(95)),
            P99LatencyMs = Rounding.MillisecondsFromMicroseconds(latency?.Latency.Percentile(99)),
            AvgTtftMs = Rounding.MillisecondsFromMicroseconds(AverageTtftUs(latency)),
            P50TtftMs = Rounding.MillisecondsFromMicroseconds(latency?.Ttft.Percentile(50)),
            P95TtftMs = Rounding.MillisecondsFromMicroseconds(latency?.Ttft.Percentile(95)),
        };
    }

    /// <summary>The exact average time to first token over the requests that have one, in microseconds; null when none has.</summary>
    public static double? AverageTtftUs(LatencyBucket? latency) =>
        latency is null || latency.Ttft.Count == 0 ? null : (double)latency.TtftUsSum / latency.Ttft.Count;

    public static PreviousPeriodDto Previous(IReadOnlyList<RequestBucketTotals> buckets, LatencyBucket latency, UserActivity users)
    {
        var summary = Summary(buckets, [], latency);
        return new PreviousPeriodDto(
            summary.TotalRequests, summary.SuccessfulRequests, summary.TotalCost, summary.TotalTokens, summary.AvgLatencyMs, summary.P95LatencyMs, users.ActiveUsers);
    }

    public static FiltersDto Filters(DashboardFilter filter) => new(
        filter.Model,
        filter.UserId,
        filter.ApiKeyId,
        filter.Endpoint,
        filter.Source,
        filter.FiltersBeyondTheUser ? ["threats", "sessions"] : ["threats"]);

    /// <summary>By requests, then name; each with its 95th-percentile latency.</summary>
    public static List<TopEndpointDto> TopEndpoints(IReadOnlyList<EndpointTotals> endpoints, int limit) => endpoints
        .OrderByDescending(e => e.Requests).ThenBy(e => e.Name, StringComparer.Ordinal)
        .Take(limit)
        .Select(e => new TopEndpointDto(e.Name, e.Requests, e.Errors, Rounding.MillisecondsFromMicroseconds(e.Latency.Percentile(95))))
        .ToList();

    public static UsersDto Users(UserActivity activity) => new(
        activity.ActiveUsers,
        activity.Sessions,
        Rounding.Money(activity.Sessions == 0 ? 0 : activity.SessionCostSum / activity.Sessions),
        Rounding.Average(activity.Sessions == 0 ? 0 : (double)activity.SessionRequestsSum / activity.Sessions));

    public static FeedbackDto Feedback(IReadOnlyList<RatingCount> ratings)
    {
        var distribution = new Dictionary<string, long>();
        long total = 0, weighted = 0;
        for (var rating = 5; rating >= 1; rating--)
        {
            var count = ratings.Where(r => r.Rating == rating).Sum(r => r.Count);
            distribution[rating.ToString(System.Globalization.CultureInfo.InvariantCulture)] = count;
            total += count;
            weighted += count * rating;
        }

        return new FeedbackDto(total, Rounding.Average(total == 0 ? 0 : (double)weighted / total), distribution);
    }
}
