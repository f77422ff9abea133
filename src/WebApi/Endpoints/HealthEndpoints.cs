using CleanDashboard.Application.Health.Common;
using CleanDashboard.Application.Health.Queries.GetHealth;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard/health", GetHealth)
            .WithTags("Health")
            .WithName("GetHealth")
            .WithSummary("System health: database, version, uptime")
            .WithDescription("Public. 200 while the service can serve (status healthy or degraded), 503 when it cannot (status unhealthy).")
            .AllowAnonymous()
            .Produces<HealthDto>()
            .Produces<HealthDto>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> GetHealth(IMediator mediator, CancellationToken cancellationToken)
    {
        var health = await mediator.Send(new GetHealthQuery(), cancellationToken);
        return health.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(health);
    }
}
