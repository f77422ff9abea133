using Microsoft.Extensions.Logging;

namespace CleanDashboard.Application.Budgets;

/// <summary>
/// Decides, before a request is forwarded, whether its key and its user are within their limits, and reserves its
/// estimate under each: the one check on the request path. Reads limits from <see cref="SpendLimitsRegistry"/> and
/// counts in <see cref="ISpendCounters"/>; never the database. A key and user without limits are not counted at all.
/// </summary>
public sealed class SpendGate(
    SpendLimitsRegistry registry,
    ISpendCounters counters,
    BudgetOptions options,
    TimeZoneInfo zone,
    TimeProvider timeProvider,
    ILogger<SpendGate> logger)
{
    public async Task<GateDecision> TryAdmitAsync(int apiKeyId, int userId, RequestEstimate estimate, CancellationToken cancellationToken)
    {
        var limits = new[] { registry.Find(LimitSubject.ApiKey(apiKeyId)), registry.Find(LimitSubject.User(userId)) }.OfType<SubjectLimits>().ToList();
        if (limits.Count == 0)
        {
            return GateDecision.Unlimited;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var minute = (long)Math.Floor((now - DateTime.UnixEpoch).TotalMinutes);
        var checks = limits.Select(l => Check(l, now, minute, estimate)).ToList();
        CounterAdmission admission;
        try
        {
            admission = await counters.TryAdmitAsync(checks, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The spend counters cannot be reached; Budgets:FailureMode is {FailureMode}", options.FailureMode);
            return options.FailureMode == BudgetFailureMode.Open ? GateDecision.Unlimited : GateDecision.Unavailable;
        }

        if (admission.Admitted)
        {
            return new GateDecision(GateOutcome.Admitted, new SpendReservation(counters, checks, logger), null);
        }

        var refused = checks[admission.RefusedCheck];
        var until = admission.RefusedBy == LimitKind.Budget ? refused.Period.EndUtc : DateTime.UnixEpoch.AddMinutes(minute + 1);
        var retryAfter = Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));
        var limit = admission.RefusedBy switch
        {
            LimitKind.Budget => SpendUnits.ToUsd(refused.BudgetUnits!.Value),
            LimitKind.Requests => refused.RequestsPerMinute!.Value,
            _ => (decimal)refused.TokensPerMinute!.Value,
        };
        return new GateDecision(GateOutcome.Refused, null, new LimitRefusal(refused.Subject, admission.RefusedBy, limit, retryAfter, until));
    }

    private CounterCheck Check(SubjectLimits limits, DateTime now, long minute, RequestEstimate estimate)
    {
        var period = limits.BudgetUsd is not null && limits.BudgetPeriod is { } kind ? BudgetPeriods.Current(kind, now, zone) : default;
        return new CounterCheck(
            limits.Subject,
            limits.BudgetUsd is { } budget ? SpendUnits.FromCost(budget) : null,
            period,
            SpendUnits.FromEstimate(estimate.CostUsd),
            limits.RequestsPerMinute,
            limits.TokensPerMinute,
            minute,
            estimate.Tokens);
    }
}

/// <summary>What a request is expected to cost and use, reserved before it is forwarded.</summary>
public sealed record RequestEstimate(decimal? CostUsd, long Tokens);

public enum GateOutcome
{
    /// <summary>Neither the key nor the user has limits: nothing is counted.</summary>
    Unlimited = 0,
    Admitted = 1,
    Refused = 2,

    /// <summary>The counters cannot be reached and <c>Budgets:FailureMode</c> is closed.</summary>
    Unavailable = 3,
}

/// <summary>The gate's answer: admitted (with the reservation to settle once the answer's cost is known), refused, or unavailable.</summary>
public sealed record GateDecision(GateOutcome Outcome, SpendReservation? Reservation, LimitRefusal? Refusal)
{
    public static readonly GateDecision Unlimited = new(GateOutcome.Unlimited, null, null);

    public static readonly GateDecision Unavailable = new(GateOutcome.Unavailable, null, null);
}

/// <summary>Which limit of which key or user refused a request, and when it may succeed again.</summary>
/// <param name="Limit">USD for a budget, else requests or tokens per minute.</param>
public sealed record LimitRefusal(LimitSubject Subject, LimitKind Kind, decimal Limit, int RetryAfterSeconds, DateTime ResetsAtUtc);
