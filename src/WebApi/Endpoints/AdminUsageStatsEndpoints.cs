using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.UsageStats.Queries.GetModelUsageStats;
using CleanDashboard.Application.UsageStats.Queries.ListModelUsageStats;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class AdminUsageStatsEndpoints
{
    public static IEndpointRouteBuilder MapAdminUsageStatsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/model-usage-stats").WithTags("Admin: model usage stats").RequireAuthorization(AuthPolicies.Admin);

        group.MapGet("/", List)
            .WithName("ListModelUsageStats")
            .WithSummary("Daily per-model usage, filtered, sorted and paged")
            .WithDescription("Filters: from, to (days whose start lies in [from, to)), model. Paging and sorting as for every admin list.")
            .Produces<PagedList<ModelUsageStatsDto>>()
            .ProducesValidationProblem();
        group.MapGet("/{id:long}", Get)
            .WithName("GetModelUsageStats")
            .Produces<ModelUsageStatsDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> List([AsParameters] ListModelUsageStatsQuery query, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(query, cancellationToken));

    private static async Task<IResult> Get(long id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetModelUsageStatsQuery(id), cancellationToken));
}
