using CleanDashboard.Application.Dashboard.Common;

namespace CleanDashboard.Application.Dashboard.Queries.GetDashboard;

/// <summary>Turns the store's sparse bucket totals into the three zero-filled time series (percentiles null where a bucket is empty).</summary>
internal sealed record DashboardSeries(
    IReadOnlyList<RequestPointDto> Requests,
    IReadOnlyList<CostPointDto> Costs,
    IReadOnlyList<LatencyPointDto> Latency)
{
    public static DashboardSeries Fill(DashboardWindow window, IReadOnlyList<RequestBucketTotals> totals, IReadOnlyList<LatencyBucket>? latencies = null)
    {
        var byBucket = totals.ToDictionary(t => t.BucketStart);
        var latencyByBucket = (latencies ?? []).ToDictionary(l => l.BucketStart);
        var requests = new List<RequestPointDto>(window.Buckets.Count);
        var costs = new List<CostPointDto>(window.Buckets.Count);
        var latency = new List<LatencyPointDto>(window.Buckets.Count);

        // Each point is the step of the rounded running total: the points sum to the rounded summary exactly, each within 1e-6 of its bucket.
        decimal runningCost = 0m, roundedSoFar = 0m;
        foreach (var bucket in window.Buckets)
        {
            if (byBucket.TryGetValue(bucket, out var t))
            {
                var count = t.Success + t.Error;
                requests.Add(new RequestPointDto(bucket, t.Success, t.Error));
                runningCost += t.CostSum;
                var rounded = Rounding.Money(runningCost);
                costs.Add(new CostPointDto(bucket, Rounding.Money(rounded - roundedSoFar)));
                roundedSoFar = rounded;
                latency.Add(LatencyPoint(bucket, Rounding.Seconds(count == 0 ? 0 : t.LatencyUsSum / 1_000_000d / count), latencyByBucket.GetValueOrDefault(bucket)));
            }
            else
            {
                requests.Add(new RequestPointDto(bucket, 0, 0));
                costs.Add(new CostPointDto(bucket, 0m));
                latency.Add(new LatencyPointDto(bucket, 0d));
            }
        }

        return new DashboardSeries(requests, costs, latency);
    }

    private static LatencyPointDto LatencyPoint(DateTime bucket, double average, LatencyBucket? latencies) => new(bucket, average)
    {
        P50 = Rounding.SecondsFromMicroseconds(latencies?.Latency.Percentile(50)),
        P95 = Rounding.SecondsFromMicroseconds(latencies?.Latency.Percentile(95)),
        P99 = Rounding.SecondsFromMicroseconds(latencies?.Latency.Percentile(99)),
        Ttft = Rounding.SecondsFromMicroseconds(DashboardFigures.AverageTtftUs(latencies)),
    };
}
