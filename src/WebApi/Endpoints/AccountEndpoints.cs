using CleanDashboard.Application.Auth;
using CleanDashboard.WebApi.Hosting;

namespace CleanDashboard.WebApi.Endpoints;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (HttpContext context) => TypedResults.Ok(CallerDto.From(context.Features.Get<AuthenticatedCaller>()!)))
            .WithTags("Account")
            .WithName("GetCurrentCaller")
            .WithSummary("Who the API key belongs to")
            .WithDescription("Any valid API key. Lets clients and the web UI check a key and learn whether it is an admin key.")
            .RequireAuthorization(AuthPolicies.ApiKey)
            .Produces<CallerDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    public sealed record CallerDto(int UserId, string Name, string Role)
    {
        public static CallerDto From(AuthenticatedCaller caller) => new(caller.UserId, caller.UserName, caller.Role.ToString().ToLowerInvariant());
    }
}
