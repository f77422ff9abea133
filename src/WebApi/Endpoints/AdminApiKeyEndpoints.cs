using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Users.Commands.CreateApiKey;
using CleanDashboard.Application.Users.Commands.RevokeApiKey;
using CleanDashboard.Application.Users.Commands.SetApiKeyCapture;
using CleanDashboard.Application.Users.Queries.GetApiKey;
using CleanDashboard.Application.Users.Queries.ListApiKeys;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class AdminApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapAdminApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/api-keys").WithTags("Admin: API keys").RequireAuthorization(AuthPolicies.Admin);

        group.MapGet("/", List)
            .WithName("ListApiKeys")
            .WithSummary("API keys (prefix only), filtered, sorted and paged")
            .WithDescription("Filters: userId, revoked. Paging and sorting as for every admin list.")
            .Produces<PagedList<ApiKeyDto>>()
            .ProducesValidationProblem();
        group.MapGet("/{id:int}", Get)
            .WithName("GetApiKey")
            .Produces<ApiKeyDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Create)
            .WithName("CreateApiKey")
            .WithSummary("Create a key for a user; the key is in this answer only")
            .WithDescription("Body { \"userName\": \"alice\", \"keyName\": \"laptop\" }. Keep the key now: only its hash is stored.")
            .Produces<CreatedApiKeyDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:int}/revoke", Revoke)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke a key: it is rejected from the next request on")
            .Produces<ApiKeyDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:int}/capture", SetCapture)
            .WithName("SetApiKeyCapture")
            .WithSummary("Mark a key \"never capture\": its requests keep their figures, never their bodies")
            .WithDescription("Body { \"neverCapture\": true }.")
            .Produces<ApiKeyDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> List([AsParameters] ListApiKeysQuery query, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(query, cancellationToken));

    private static async Task<IResult> Get(int id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetApiKeyQuery(id), cancellationToken));

    private static async Task<IResult> Create(CreateApiKeyBody body, IMediator mediator, CancellationToken cancellationToken)
    {
        var key = await mediator.Send(new CreateApiKeyCommand(body.UserName ?? string.Empty, body.KeyName ?? string.Empty), cancellationToken);
        return TypedResults.Created($"/api/admin/api-keys/{key.Id}", key);
    }

    private static async Task<IResult> SetCapture(int id, ApiKeyCaptureBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new SetApiKeyCaptureCommand(id, body.NeverCapture), cancellationToken));

    private static async Task<IResult> Revoke(int id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new RevokeApiKeyCommand(id), cancellationToken));
}

public sealed record CreateApiKeyBody(string? UserName, string? KeyName);

public sealed record ApiKeyCaptureBody(bool? NeverCapture);
