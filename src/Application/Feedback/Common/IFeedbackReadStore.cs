using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Feedback.Queries.ListFeedback;

namespace CleanDashboard.Application.Feedback.Common;

public interface IFeedbackReadStore
{
    Task<PagedList<FeedbackDto>> ListAsync(FeedbackFilter filter, ListPage page, CancellationToken cancellationToken);

    Task<FeedbackDto?> FindAsync(long id, CancellationToken cancellationToken);
}

/// <summary>Feedback filters: <c>From &lt;= CreatedAt &lt; To</c>, rating, user.</summary>
public sealed record FeedbackFilter(DateTime? From, DateTime? To, int? Rating, int? UserId);
