using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Feedback.Common;
using CleanDashboard.Application.Feedback.Queries.ListFeedback;
using MediatR;

namespace CleanDashboard.Application.Feedback.Queries.GetFeedback;

public sealed record GetFeedbackQuery(long Id) : IRequest<FeedbackDto>;

public sealed class GetFeedbackQueryHandler(IFeedbackReadStore readStore) : IRequestHandler<GetFeedbackQuery, FeedbackDto>
{
    public async Task<FeedbackDto> Handle(GetFeedbackQuery request, CancellationToken cancellationToken) =>
        await readStore.FindAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Feedback", request.Id);
}
