using CleanDashboard.Application.Common.Lists;
using CleanDashboard.Application.Users.Commands.CreateUser;
using CleanDashboard.Application.Users.Queries.GetUser;
using CleanDashboard.Application.Users.Queries.ListUsers;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class AdminUserEndpoints
{
    public static IEndpointRouteBuilder MapAdminUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/users").WithTags("Admin: users").RequireAuthorization(AuthPolicies.Admin);

        group.MapGet("/", List)
            .WithName("ListUsers")
            .WithSummary("Users, filtered, sorted and paged")
            .WithDescription("Filters: role (admin|member), name (part of the name). Paging and sorting as for every admin list.")
            .Produces<PagedList<UserListItemDto>>()
            .ProducesValidationProblem();
        group.MapGet("/{id:int}", Get)
            .WithName("GetUser")
            .Produces<UserListItemDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Create)
            .WithName("CreateUser")
            .WithSummary("Create a user")
            .WithDescription("Body { \"name\": \"alice\", \"role\": \"member\" }; names are letters, digits and . _ @ -, taken exactly (nothing is trimmed); role is exactly \"admin\" or \"member\" (lower case).")
            .Produces<UserDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> List([AsParameters] ListUsersQuery query, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(query, cancellationToken));

    private static async Task<IResult> Get(int id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetUserQuery(id), cancellationToken));

    private static async Task<IResult> Create(CreateUserBody body, IMediator mediator, CancellationToken cancellationToken)
    {
        var user = await mediator.Send(new CreateUserCommand(body.Name ?? string.Empty, body.Role ?? string.Empty), cancellationToken);
        return TypedResults.Created($"/api/admin/users/{user.Id}", user);
    }
}

public sealed record CreateUserBody(string? Name, string? Role);
