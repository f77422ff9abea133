using CleanDashboard.Application.Dashboard.Common;

namespace CleanDashboard.Application.Dashboard.Queries.GetDashboard;

/// <summary>Turns the store's sparse bucket totals into the three zero-filled time series.</summary>
internal sealed record DashboardSeries(
    IReadOnlyList<RequestPointDto> Requests,
    IReadOnlyList<CostPointDto> Costs,
    IReadOnlyList<LatencyPointDto> Latency)
{
    public static DashboardSeries Fill(DashboardWindow window, IReadOnlyList<RequestBucketTotals> totals)
    {
        var byBucket = totals.ToDictionary(t => DashboardWindow.Truncate(t.BucketStart, window.BucketSize));
        var requests = new List<RequestPointDto>(window.Buckets.Count);
        var costs = new List<CostPointDto>(window.Buckets.Count);
        var latency = new List<LatencyPointDto>(window.Buckets.Count);

        foreach (var bucket in window.Buckets)
        {
            if (byBucket.TryGetValue(bucket, out var t))
            {
                var count = t.Success + t.Error;
                requests.Add(new RequestPointDto(bucket, t.Success, t.Error));
                costs.Add(new CostPointDto(bucket, Rounding.Money(t.CostSum)));
                latency.Add(new LatencyPointDto(bucket, Rounding.Seconds(count == 0 ? 0 : t.LatencyUsSum / 1_000_000d / count)));
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
}
