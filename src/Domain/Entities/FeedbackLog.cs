namespace CleanDashboard.Domain.Entities;

/// <summary>A 1–5 star rating of one answer, given by the user who made the request.</summary>
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
}
