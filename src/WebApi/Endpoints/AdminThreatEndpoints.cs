using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Threats.Commands.ResolveThreats;
using CleanDashboard.Application.Threats.Queries.GetThreat;
using CleanDashboard.Application.Threats.Queries.GetThreatTypes;
using CleanDashboard.Application.Threats.Queries.ListThreats;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class AdminThreatEndpoints
{
    public static IEndpointRouteBuilder MapAdminThreatEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/threats").WithTags("Admin: threats").RequireAuthorization(AuthPolicies.Admin);

        group.MapGet("/", List)
            .WithName("ListThreats")
            .WithSummary("Threat incidents, filtered, sorted and paged")
            .WithDescription("Filters: from, to (on the first sighting), severity (low|medium|high|critical), resolved, threatType, ip. Sorting by severity follows its rank.")
            .Produces<PagedList<ThreatDto>>()
            .ProducesValidationProblem();
        group.MapGet("/types", Types)
            .WithName("ListThreatTypes")
            .WithSummary("The threat types the detectors raise, for the threatType filter")
            .Produces<IReadOnlyList<string>>();
        group.MapGet("/{id:long}", Get)
            .WithName("GetThreat")
            .Produces<ThreatDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/resolve", Resolve)
            .WithName("ResolveThreats")
            .WithSummary("Bulk action: mark incidents resolved")
            .WithDescription("Body { \"ids\": [1, 2] } with 1 to 1,000 ids; answers how many changed (unknown and already resolved ids do not count).")
            .Produces<ResolveThreatsResultDto>()
            .ProducesValidationProblem();
        group.MapPost("/unresolve", Unresolve)
            .WithName("UnresolveThreats")
            .WithSummary("Bulk action: open incidents again")
            .Produces<ResolveThreatsResultDto>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> List([AsParameters] ListThreatsQuery query, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(query, cancellationToken));

    private static async Task<IResult> Types(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetThreatTypesQuery(), cancellationToken));

    private static async Task<IResult> Get(long id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetThreatQuery(id), cancellationToken));

    private static async Task<IResult> Resolve(ThreatIdsBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ResolveThreatsCommand(body.Ids, Resolved: true), cancellationToken));

    private static async Task<IResult> Unresolve(ThreatIdsBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ResolveThreatsCommand(body.Ids, Resolved: false), cancellationToken));
}

public sealed record ThreatIdsBody(IReadOnlyList<long>? Ids);
