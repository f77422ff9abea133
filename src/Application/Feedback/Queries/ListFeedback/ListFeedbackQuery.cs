using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Feedback.Common;
using MediatR;

namespace CleanDashboard.Application.Feedback.Queries.ListFeedback;

public sealed record ListFeedbackQuery(
    string? From = null,
    string? To = null,
    string? Rating = null,
    string? UserId = null,
    string? Page = null,
    string? PageSize = null,
    string? Sort = null,
    string? Desc = null) : IRequest<PagedList<FeedbackDto>>, IListQuery, IDateRangeQuery;

public sealed class ListFeedbackQueryHandler(IFeedbackReadStore readStore) : IRequestHandler<ListFeedbackQuery, PagedList<FeedbackDto>>
{
    public Task<PagedList<FeedbackDto>> Handle(ListFeedbackQuery request, CancellationToken cancellationToken) =>
        readStore.ListAsync(
            new FeedbackFilter(ListValues.ParseInstant(request.From), ListValues.ParseInstant(request.To), ListValues.ParseInt(request.Rating), ListValues.ParseInt(request.UserId)),
            ListPage.From(request, FeedbackDto.Columns),
            cancellationToken);
}
