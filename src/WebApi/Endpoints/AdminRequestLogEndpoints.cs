using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.RequestLogs.Queries.ExportRequestLogs;
using CleanDashboard.Application.RequestLogs.Queries.GetRequestLog;
using CleanDashboard.Application.RequestLogs.Queries.ListRequestLogs;
using CleanDashboard.Application.RequestLogs.Queries.ListUpstreamAttempts;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class AdminRequestLogEndpoints
{
    public static IEndpointRouteBuilder MapAdminRequestLogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/request-logs").WithTags("Admin: request logs").RequireAuthorization(AuthPolicies.Admin);

        group.MapGet("/", List)
            .WithName("ListRequestLogs")
            .WithSummary("Request logs, filtered, sorted and paged")
            .WithDescription("Filters: from (inclusive), to (exclusive) as a date or ISO-8601 time with Z; model; status; country (two letters); userId; source (gateway|otlp); q: a phrase of the captured (redacted) bodies, full-text. sort: any column of the rows, desc: true|false (without sort: newest first). page >= 1, pageSize 1–200 (50).")
            .Produces<PagedList<RequestLogDto>>()
            .ProducesValidationProblem();
        group.MapGet("/export", Export)
            .WithName("ExportRequestLogs")
            .WithSummary("Every filtered request log as CSV, streamed")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
        group.MapGet("/{id:long}", Get)
            .WithName("GetRequestLog")
            .WithSummary("One request log, with its captured request and answer (redacted) when capture kept them")
            .Produces<RequestLogDetailDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:long}/upstream-attempts", ListUpstreamAttempts)
            .WithName("ListUpstreamAttempts")
            .WithSummary("The upstreams a balanced request tried, and how each failed, before the one in its request log answered")
            .Produces<IReadOnlyList<UpstreamAttemptDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> List([AsParameters] ListRequestLogsQuery query, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(query, cancellationToken));

    private static async Task<IResult> Export([AsParameters] ExportRequestLogsQuery query, IMediator mediator, CancellationToken cancellationToken) =>
        new CsvStreamResult(await mediator.Send(query, cancellationToken));

    private static async Task<IResult> ListUpstreamAttempts(long id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListUpstreamAttemptsQuery(id), cancellationToken));

    private static async Task<IResult> Get(long id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetRequestLogQuery(id), cancellationToken));
}
