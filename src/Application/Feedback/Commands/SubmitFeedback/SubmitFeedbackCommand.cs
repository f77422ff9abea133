using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Common.Exceptions;
using CleanDashboard.Application.Feedback.Common;
using MediatR;

namespace CleanDashboard.Application.Feedback.Commands.SubmitFeedback;

/// <summary>A caller rates one of their own requests 1–5; rating it again replaces the earlier rating.</summary>
public sealed record SubmitFeedbackCommand(int UserId, long? RequestLogId, int? Rating, string? FeedbackText) : IRequest<SubmittedFeedbackDto>, IChangesData;

public sealed record SubmittedFeedbackDto(long Id, long RequestLogId, int Rating, string FeedbackText, DateTime CreatedAt);

public sealed class SubmitFeedbackCommandHandler(IFeedbackStore store, TimeProvider timeProvider) : IRequestHandler<SubmitFeedbackCommand, SubmittedFeedbackDto>
{
    public async Task<SubmittedFeedbackDto> Handle(SubmitFeedbackCommand request, CancellationToken cancellationToken)
    {
        var requestLogId = request.RequestLogId!.Value;

        // Someone else's request answers exactly like a missing one, so ids of others are not revealed.
        if (!await store.IsRequestOfUserAsync(requestLogId, request.UserId, cancellationToken))
        {
            throw new NotFoundException("Request log", requestLogId);
        }

        var saved = await store.SaveAsync(
            requestLogId,
            request.UserId,
            request.Rating!.Value,
            request.FeedbackText?.Trim() ?? string.Empty,
            timeProvider.GetUtcNow().UtcDateTime,
            cancellationToken);
        return new SubmittedFeedbackDto(saved.Id, saved.RequestLogId, saved.Rating, saved.FeedbackText, saved.CreatedAt);
    }
}
