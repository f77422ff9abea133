using CleanDashboard.Application.Dashboard.Queries.GetDashboard;
using CleanDashboard.WebApi.Hosting;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Endpoints;

public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        // The specification's path has the trailing slash; routing answers /api/dashboard as well.
        app.MapGet("/api/dashboard/", GetDashboard)
            .WithTags("Dashboard")
            .RequireAuthorization(AuthPolicies.Admin)
            .WithName("GetDashboard")
            .WithSummary("Dashboard analytics for a time range")
            .WithDescription("range: 24h | 7d (default) | 1m | 3m | custom. With custom, start and end are ISO-8601 instants with Z or an offset, start < end, at most 366 days apart; spans up to 48 h get hourly buckets, longer spans daily buckets. Optional filters, combinable: model, userId, apiKeyId (positive integers), endpoint (a route template as stored), source (gateway | otlp: tracked here or exported to /v1/traces); they apply to every request figure and to feedback through its request, to sessions through their user only, never to threats (listed in filters.notApplied). tz: an IANA time zone (default UTC) whose local days the daily buckets are; 7d, 1m and 3m then end with the local today. Needs an admin API key.")
            .Produces<DashboardDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    private static async Task<IResult> GetDashboard(
        string? range, string? start, string? end, string? model, string? userId, string? apiKeyId, string? endpoint, string? source, string? tz, IMediator mediator, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        SerializedOnce.Json(await mediator.Send(new GetDashboardQuery(range, start, end) { Model = model, UserId = userId, ApiKeyId = apiKeyId, Endpoint = endpoint, Source = source, Tz = tz }, cancellationToken), json.Value.SerializerOptions);
}
