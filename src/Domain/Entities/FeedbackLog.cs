namespace CleanDashboard.Domain.Entities;

/// <summary>
/// A 1–5 star rating of one answer, given by the user who made the request. The rated request's model, key, endpoint
/// and source are copied here, so the database keeps the feedback rollups by trigger, retention's cascade included
/// (docs/decisions/120-feedback-rollup-kept-by-triggers.md).
/// </summary>
public class FeedbackLog
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int FeedbackTextMaxLength = 2000;

    public long Id { get; set; }

    public long RequestLogId { get; set; }

    public RequestLog? RequestLog { get; set; }

    public int UserId { get; set; }

    public User? User { get; set; }

    public int Rating { get; set; }

    public string FeedbackText { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    /// <summary>The rated request's model ("" for none).</summary>
    public string ModelName { get; set; } = string.Empty;

    /// <summary>The rated request's API key (null for none).</summary>
    public int? ApiKeyId { get; set; }

    /// <summary>The rated request's route template.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>How the rated request reached us (<see cref="RequestSources"/>).</summary>
    public string Source { get; set; } = RequestSources.Gateway;

    /// <summary>Feedback on <paramref name="request"/>, with the request's filter dimensions copied.</summary>
    public static FeedbackLog For(RequestLog request, int userId) => new()
    {
        RequestLogId = request.Id,
        UserId = userId,
        ModelName = request.ModelName,
        ApiKeyId = request.ApiKeyId,
        Endpoint = request.Endpoint,
        Source = request.Source,
    };
}
