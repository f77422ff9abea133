using CleanDashboard.Application.Alerts.Commands.DeleteAlertRule;
using CleanDashboard.Application.Alerts.Commands.SaveAlertRule;
using CleanDashboard.Application.Alerts.Common;
using CleanDashboard.Application.Alerts.Queries.GetAlertRule;
using CleanDashboard.Application.Alerts.Queries.ListAlertRules;
using CleanDashboard.Application.Alerts.Queries.ListAlerts;
using CleanDashboard.Application.Alerts.Queries.ListFiringAlerts;
using CleanDashboard.WebApi.Hosting;
using MediatR;

namespace CleanDashboard.WebApi.Endpoints;

public static class AdminAlertEndpoints
{
    private const string RuleBody =
        "Body { \"name\", \"metric\": \"error_rate\" | \"requests\" | \"p95_latency_ms\" | \"p95_ttft_ms\" | \"cost_usd\" | \"critical_threats\" | \"budget_percent\", \"threshold\", "
        + "\"window\": \"00:05:00\", \"for\": \"00:00:00\", \"filters\": { \"model\", \"apiKeyId\", \"userId\", \"endpoint\" }, "
        + "\"channel\": { \"type\": \"webhook\" | \"slack\", \"url\", \"secret\" } }. The rule fires when the metric is above the threshold for the whole for duration; "
        + "error_rate is a fraction from 0 to 1; budget_percent (filters apiKeyId or userId, or none for every budget) warns once per budget period at each of 50/80/95/100 % from the threshold up. A webhook needs a secret; the secret is never returned (hasSecret says whether one is set), and an update without one keeps it.";

    public static IEndpointRouteBuilder MapAdminAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/admin/alert-rules").WithTags("Admin: alerts").RequireAuthorization(AuthPolicies.Admin);
        rules.MapGet("/", ListRules).WithName("ListAlertRules").WithSummary("Every alert rule with its state").Produces<IReadOnlyList<AlertRuleDto>>();
        rules.MapGet("/{id:int}", GetRule).WithName("GetAlertRule").Produces<AlertRuleDto>().ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapPost("/", CreateRule).WithName("CreateAlertRule").WithSummary("Create an alert rule").WithDescription(RuleBody)
            .Produces<AlertRuleDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        rules.MapPut("/{id:int}", UpdateRule).WithName("UpdateAlertRule").WithSummary("Replace an alert rule").WithDescription(RuleBody)
            .Produces<AlertRuleDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapDelete("/{id:int}", DeleteRule).WithName("DeleteAlertRule").WithSummary("Delete an alert rule; its history stays")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/admin/alerts", ListAlerts).WithTags("Admin: alerts").RequireAuthorization(AuthPolicies.Admin)
            .WithName("ListAlerts")
            .WithSummary("Alert history: transitions newest first, each with its delivery attempts")
            .WithDescription("Filters: ruleId; limit (1-500, default 100).")
            .Produces<IReadOnlyList<AlertEventDto>>().ProducesValidationProblem();

        // With the dashboard's authorization, beside its DTO rather than in it.
        app.MapGet("/api/alerts/firing", ListFiring).WithTags("Dashboard").RequireAuthorization(AuthPolicies.Admin)
            .WithName("ListFiringAlerts")
            .WithSummary("The alert rules firing now, longest firing first")
            .Produces<IReadOnlyList<FiringAlertDto>>();
        return app;
    }

    private static async Task<IResult> ListRules(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListAlertRulesQuery(), cancellationToken));

    private static async Task<IResult> GetRule(int id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetAlertRuleQuery(id), cancellationToken));

    private static async Task<IResult> CreateRule(AlertRuleInput body, IMediator mediator, CancellationToken cancellationToken)
    {
        var rule = await mediator.Send(new CreateAlertRuleCommand(body), cancellationToken);
        return TypedResults.Created($"/api/admin/alert-rules/{rule.Id}", rule);
    }

    private static async Task<IResult> UpdateRule(int id, AlertRuleInput body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new UpdateAlertRuleCommand(id, body), cancellationToken));

    private static async Task<IResult> DeleteRule(int id, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteAlertRuleCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListAlerts(int? ruleId, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListAlertsQuery(ruleId, limit), cancellationToken));

    private static async Task<IResult> ListFiring(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListFiringAlertsQuery(), cancellationToken));
}
