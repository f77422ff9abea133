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
}
