using CleanDashboard.Application.Common.Lists;

namespace CleanDashboard.Application.Feedback.Queries.ListFeedback;

public sealed record FeedbackDto(
    long Id,
    long RequestLogId,
    int UserId,
    string UserName,
    int Rating,
    string FeedbackText,
    DateTime CreatedAt,
    string ModelName)
{
    public static readonly IReadOnlyList<string> Columns = ListValues.ColumnsOf<FeedbackDto>();
}
