namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>
/// Exact sums over a set of request logs: counts, whole microseconds of latency and time to first token, tokens, and
/// cost in whole 1e-10 USD; and the serialized latency and TTFT sketches (docs/decisions/075), empty where a row kind
/// does not keep them.
/// </summary>
public abstract class RequestSums
{
    public long Requests { get; set; }

    /// <summary>Requests answered with a status of 400 or more.</summary>
    public long Errors { get; set; }

    public long LatencyUs { get; set; }

    public long Tokens { get; set; }

    public long RowsWithTokens { get; set; }

    /// <summary>Cost in whole 1e-10 USD (<see cref="RollupMath.CostUnitsPerUsd"/>).</summary>
    public long CostUnits { get; set; }

    public long RowsWithCost { get; set; }

    /// <summary>Requests with a time to first token.</summary>
    public long TtftCount { get; set; }

    public long TtftUs { get; set; }

    public byte[] LatencySketch { get; set; } = [];

    public byte[] TtftSketch { get; set; } = [];
}
