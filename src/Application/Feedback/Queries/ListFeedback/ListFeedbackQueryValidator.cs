using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Application.Feedback.Queries.ListFeedback;

public sealed class ListFeedbackQueryValidator : ListQueryValidator<ListFeedbackQuery>
{
    public ListFeedbackQueryValidator()
        : base(FeedbackDto.Columns)
    {
        RuleForDateRange(q => q.From, q => q.To);
        RuleForOptionalInt(q => q.Rating, "rating", FeedbackLog.MinRating, FeedbackLog.MaxRating);
        RuleForOptionalInt(q => q.UserId, "userId", 1, int.MaxValue);
    }
}
