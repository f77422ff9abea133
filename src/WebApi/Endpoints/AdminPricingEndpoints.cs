using CleanDashboard.Application.Pricing.Queries.GetModelPrice;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class AdminPricingEndpoints
{
    public static IEndpointRouteBuilder MapAdminPricingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/pricing").WithTags("Admin: pricing").RequireAuthorization(AuthPolicies.Admin);

        group.MapGet("/", Get)
            .WithName("GetModelPrice")
            .WithSummary("The effective price of a model")
            .WithDescription("model (required), provider (a catalog provider id such as openai, or an API root URL), at (default now). 404 when no price is known.")
            .Produces<ModelPriceDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Get([AsParameters] GetModelPriceQuery query, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(query, cancellationToken));
}
