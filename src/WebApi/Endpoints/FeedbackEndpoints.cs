using CleanDashboard.Application.Feedback.Commands.SubmitFeedback;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class FeedbackEndpoints
{
    public static IEndpointRouteBuilder MapFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/feedback", SubmitFeedback)
            .WithTags("Feedback")
            .WithName("SubmitFeedback")
            .WithSummary("Rate one of your own requests 1–5")
            .WithDescription("requestLogId and rating (1–5) are required; feedbackText is optional, at most 2,000 characters. Rating a request again replaces the earlier rating. Another user's request answers 404.")
            .RequireAuthorization(AuthPolicies.ApiKey)
            .Produces<SubmittedFeedbackDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> SubmitFeedback(SubmitFeedbackBody body, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var feedback = await mediator.Send(new SubmitFeedbackCommand(context.Caller().UserId, body.RequestLogId, body.Rating, body.FeedbackText), cancellationToken);
        return TypedResults.Created($"/api/admin/feedback/{feedback.Id}", feedback);
    }
}

public sealed record SubmitFeedbackBody(long? RequestLogId, int? Rating, string? FeedbackText);
