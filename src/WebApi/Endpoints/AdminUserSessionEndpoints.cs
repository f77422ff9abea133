using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.UserSessions.Queries.GetUserSession;
using CleanDashboard.Application.UserSessions.Queries.ListUserSessions;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class AdminUserSessionEndpoints
{
    public static IEndpointRouteBuilder MapAdminUserSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/user-sessions").WithTags("Admin: user sessions").RequireAuthorization(AuthPolicies.Admin);

        group.MapGet("/", List)
            .WithName("ListUserSessions")
            .WithSummary("User sessions, filtered, sorted and paged")
            .WithDescription("Filters: from, to (on the session start), userId, active (true: not ended). Paging and sorting as for every admin list.")
            .Produces<PagedList<UserSessionDto>>()
            .ProducesValidationProblem();
        group.MapGet("/{id:long}", Get)
            .WithName("GetUserSession")
            .Produces<UserSessionDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> List([AsParameters] ListUserSessionsQuery query, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(query, cancellationToken));

    private static async Task<IResult> Get(long id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetUserSessionQuery(id), cancellationToken));
}
