using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>
/// Ratings of one time bucket (of the rating's time), one rating value and one value of one filter dimension — the total,
/// the model, the user, the key or the endpoint, keyed like a <see cref="RequestRollup"/>. Kept by the same triggers as
/// the <see cref="FeedbackCube"/>, so a filter on one dimension reads a row per bucket and rating instead of every
/// matching cube row (docs/decisions/123); a count may fall to 0 and stay.
/// </summary>
public abstract class FeedbackRollup
{
    public DateTime BucketStart { get; set; }

    public RollupDimension Dimension { get; set; }

    public string Key { get; set; } = string.Empty;

    public int Rating { get; set; }

    public long Ratings { get; set; }
}

/// <summary>A <see cref="FeedbackRollup"/> of one UTC hour.</summary>
public sealed class HourlyFeedbackRollup : FeedbackRollup;

/// <summary>A <see cref="FeedbackRollup"/> of one UTC day.</summary>
public sealed class DailyFeedbackRollup : FeedbackRollup;
