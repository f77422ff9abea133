using CleanDashboard.Application.Budgets;
using CleanDashboard.Application.Budgets.Commands.SetLimits;
using CleanDashboard.Application.Budgets.Queries.GetLimits;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

/// <summary>The limits of an API key and of a user: spend budget per day, week or month, requests and tokens per minute.</summary>
public static class AdminLimitsEndpoints
{
    private const string BodyDescription =
        "Body { \"budgetUsd\": 0.001, \"budgetPeriod\": \"day\" | \"week\" | \"month\", \"requestsPerMinute\": 60, \"tokensPerMinute\": 100000 }; "
        + "a null or missing field clears that limit. The answer adds spentUsd and periodStart of the current period.";

    public static IEndpointRouteBuilder MapAdminLimitsEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/admin/api-keys/{id:int}/limits").WithTags("Admin: limits").RequireAuthorization(AuthPolicies.Admin);
        keys.MapGet("/", (int id, IMediator mediator, CancellationToken cancellationToken) => Get(LimitSubject.ApiKey(id), mediator, cancellationToken))
            .WithName("GetApiKeyLimits").Produces<LimitsDto>().ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapPut("/", (int id, LimitsBody body, IMediator mediator, CancellationToken cancellationToken) => Set(LimitSubject.ApiKey(id), body, mediator, cancellationToken))
            .WithName("SetApiKeyLimits").WithDescription(BodyDescription).Produces<LimitsDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var users = app.MapGroup("/api/admin/users/{id:int}/limits").WithTags("Admin: limits").RequireAuthorization(AuthPolicies.Admin);
        users.MapGet("/", (int id, IMediator mediator, CancellationToken cancellationToken) => Get(LimitSubject.User(id), mediator, cancellationToken))
            .WithName("GetUserLimits").Produces<LimitsDto>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/", (int id, LimitsBody body, IMediator mediator, CancellationToken cancellationToken) => Set(LimitSubject.User(id), body, mediator, cancellationToken))
            .WithName("SetUserLimits").WithDescription(BodyDescription).Produces<LimitsDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Get(LimitSubject subject, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetLimitsQuery(subject), cancellationToken));

    private static async Task<IResult> Set(LimitSubject subject, LimitsBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new SetLimitsCommand(subject, body.BudgetUsd, body.BudgetPeriod, body.RequestsPerMinute, body.TokensPerMinute), cancellationToken));
}

public sealed record LimitsBody(decimal? BudgetUsd, string? BudgetPeriod, int? RequestsPerMinute, int? TokensPerMinute);
