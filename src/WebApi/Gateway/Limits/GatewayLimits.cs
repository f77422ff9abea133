using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Budgets;
using CleanDashboard.Application.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;

namespace CleanDashboard.WebApi.Gateway.Limits;

/// <summary>
/// The gateway's side of limits: estimates a request, asks the <see cref="SpendGate"/>, and on admission leaves the
/// reservation on the request for request tracking to settle with the answer's real cost. Null: go on and answer.
/// </summary>
public sealed class GatewayLimits(SpendGate gate, RequestCostEstimator estimator, TimeProvider timeProvider)
{
    public async Task<IResult?> RefuseAsync(HttpContext context, GatewayProtocol protocol, GatewayRequest request, GatewayOperation operation, GatewayTarget target, CancellationToken cancellationToken)
    {
        if (context.Features.Get<AuthenticatedCaller>() is not { } caller)
        {
            return null;
        }

        var estimate = estimator.Estimate(request, operation, target.IsDemoModel, timeProvider.GetUtcNow().UtcDateTime, target.Upstream?.PricingProvider);
        var decision = await gate.TryAdmitAsync(caller.ApiKeyId, caller.UserId, estimate, cancellationToken);
        switch (decision.Outcome)
        {
            case GateOutcome.Admitted:
                context.Features.Set(decision.Reservation);
                return null;
            case GateOutcome.Refused:
                return LimitRefusalAnswer.Refused(protocol, decision.Refusal!, context.Response);
            case GateOutcome.Unavailable:
                return LimitRefusalAnswer.Unavailable(protocol, context.Response);
            default:
                return null;
        }
    }
}
