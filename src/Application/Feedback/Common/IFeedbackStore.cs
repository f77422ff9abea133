using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Application.Feedback.Common;

/// <summary>Writes of ratings, and the ownership check they need.</summary>
public interface IFeedbackStore
{
    /// <summary>True when the request log exists and was made by the user.</summary>
    Task<bool> IsRequestOfUserAsync(long requestLogId, int userId, CancellationToken cancellationToken);

    /// <summary>Stores the rating of a request, replacing an earlier rating of the same request.</summary>
    Task<FeedbackLog> SaveAsync(long requestLogId, int userId, int rating, string feedbackText, DateTime at, CancellationToken cancellationToken);
}
