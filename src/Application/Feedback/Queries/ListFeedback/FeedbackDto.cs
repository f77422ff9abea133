using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.Feedback.Queries.ListFeedback;

/// <summary>One rating; <see cref="HasCapture"/> says whether its request's conversation can be read on the request-log detail.</summary>
public sealed record FeedbackDto(
    long Id,
    long RequestLogId,
    int UserId,
    string UserName,
    int Rating,
    string FeedbackText,
    DateTime CreatedAt,
    string ModelName,
    bool HasCapture)
{
    public static readonly IReadOnlyList<string> Columns = ListValues.ColumnsOf<FeedbackDto>();
}
