namespace CleanDashboard.Domain.Entities;

/// <summary>Per UTC day and model totals, kept current by the background writer.</summary>
public class ModelUsageStats
{
    public long Id { get; set; }

    public DateOnly Date { get; set; }

    public string ModelName { get; set; } = string.Empty;

    public int TotalRequests { get; set; }

    public int SuccessfulRequests { get; set; }

    public int FailedRequests { get; set; }

    public long TotalTokens { get; set; }

    public decimal TotalCost { get; set; }

    public double AvgLatencyMs { get; set; }

    /// <summary>Sum of latencies in whole microseconds: exact, so the average never drifts however it was accumulated.</summary>
    public long TotalLatencyUs { get; set; }

    /// <summary>Adds a group of requests; the average is recomputed from the exact sums.</summary>
    public void Add(int requests, int successes, long tokens, decimal cost, long latencyUs)
    {
        TotalRequests += requests;
        SuccessfulRequests += successes;
        FailedRequests += requests - successes;
        TotalTokens += tokens;
        TotalCost += cost;
        TotalLatencyUs += latencyUs;
        AvgLatencyMs = TotalRequests == 0 ? 0 : Math.Round(TotalLatencyUs / 1000d / TotalRequests, 3, MidpointRounding.AwayFromZero);
    }

    public static long ToMicroseconds(double latencyMs) => Rollups.RollupMath.ToMicroseconds(latencyMs);
}
