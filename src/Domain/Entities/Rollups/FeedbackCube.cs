namespace CleanDashboard.Domain.Entities.Rollups;

/// <summary>
/// Ratings of one time bucket (of the rating's time), one rating value and one combination of the rated requests'
/// filter dimensions. Kept by the database's triggers on <c>feedback_logs</c>: a new rating adds one, a re-rating
/// moves its one, a deleted rating (retention's cascade too) takes it away; a count may fall to 0 and stay.
/// </summary>
public abstract class FeedbackCube
{
    public DateTime BucketStart { get; set; }

    public string ModelName { get; set; } = string.Empty;

    public int UserId { get; set; }

    public int ApiKeyId { get; set; }

    public string Endpoint { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    public int Rating { get; set; }

    public long Ratings { get; set; }
}

/// <summary>A <see cref="FeedbackCube"/> of one UTC hour.</summary>
public sealed class HourlyFeedbackCube : FeedbackCube;

/// <summary>A <see cref="FeedbackCube"/> of one UTC day.</summary>
public sealed class DailyFeedbackCube : FeedbackCube;
