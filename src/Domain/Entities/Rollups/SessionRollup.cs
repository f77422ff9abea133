namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>
/// The sessions that started in one time bucket: how many, and their requests and cost so far. A session's
/// later requests are added to the bucket it started in, as the dashboard counts sessions by their start.
/// </summary>
public abstract class SessionRollup
{
    public DateTime BucketStart { get; set; }

    public long Sessions { get; set; }

    public long Requests { get; set; }

    /// <summary>Cost in whole 1e-10 USD (<see cref="RollupMath.CostUnitsPerUsd"/>).</summary>
    public long CostUnits { get; set; }
}

/// <summary>A <see cref="SessionRollup"/> of one UTC hour.</summary>
public sealed class HourlySessionRollup : SessionRollup;

/// <summary>A <see cref="SessionRollup"/> of one UTC day.</summary>
public sealed class DailySessionRollup : SessionRollup;
