using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Feedback.Queries.GetFeedback;
using CleanDashboard.Application.Feedback.Queries.ListFeedback;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class AdminFeedbackEndpoints
{
    public static IEndpointRouteBuilder MapAdminFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/feedback").WithTags("Admin: feedback").RequireAuthorization(AuthPolicies.Admin);

        group.MapGet("/", List)
            .WithName("ListFeedback")
            .WithSummary("Feedback, filtered, sorted and paged")
            .WithDescription("Filters: from, to (on the rating time), rating (1–5), userId. Paging and sorting as for every admin list.")
            .Produces<PagedList<FeedbackDto>>()
            .ProducesValidationProblem();
        group.MapGet("/{id:long}", Get)
            .WithName("GetFeedback")
            .Produces<FeedbackDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> List([AsParameters] ListFeedbackQuery query, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(query, cancellationToken));

    private static async Task<IResult> Get(long id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetFeedbackQuery(id), cancellationToken));
}
