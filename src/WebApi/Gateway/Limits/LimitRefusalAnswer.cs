using System.Globalization;
using CleanDashboard.Application.Budgets;
using CleanDashboard.Domain.Enums;
using CleanDashboard.WebApi.Gateway.Protocols;

namespace CleanDashboard.WebApi.Gateway.Limits;

/// <summary>
/// The gateway's answer to a request its limits refuse, in the route's protocol: 429 <c>insufficient_quota</c> over a
/// budget, 429 <c>rate_limit_exceeded</c> over requests or tokens per minute, with <c>retry-after</c> and the
/// <c>x-ratelimit-*</c> headers of the limit; 503 <c>limits_unavailable</c> while the counters cannot be reached.
/// </summary>
internal static class LimitRefusalAnswer
{
    public const string UnavailableRetryAfterSeconds = "1";

    public static IResult Refused(GatewayProtocol protocol, LimitRefusal refusal, HttpResponse response)
    {
        var seconds = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.RetryAfter = seconds;
        var whose = refusal.Subject.Kind == LimitSubjectKind.ApiKey ? "this API key" : "this key's user";
        var limit = refusal.Limit.ToString(CultureInfo.InvariantCulture);
        var (suffix, error) = refusal.Kind switch
        {
            LimitKind.Budget => ("budget-usd", new GatewayError(
                StatusCodes.Status429TooManyRequests,
                $"This request would exceed the spend budget of {whose} (${limit}) for this period; the next period starts in {seconds} seconds (retry-after).",
                null,
                "insufficient_quota") { Type = "insufficient_quota" }),
            LimitKind.Requests => ("requests", RateLimit($"Requests per minute of {whose} reached ({limit}); retry after {seconds} seconds (retry-after).")),
            _ => ("tokens", RateLimit($"Tokens per minute of {whose} reached ({limit}); retry after {seconds} seconds (retry-after).")),
        };
        response.Headers["x-ratelimit-limit-" + suffix] = limit;
        response.Headers["x-ratelimit-remaining-" + suffix] = "0";
        response.Headers["x-ratelimit-reset-" + suffix] = seconds + "s";
        return new GatewayErrorResult(protocol, error);
    }

    public static IResult Unavailable(GatewayProtocol protocol, HttpResponse response)
    {
        response.Headers.RetryAfter = UnavailableRetryAfterSeconds;
        return new GatewayErrorResult(protocol, new GatewayError(
            StatusCodes.Status503ServiceUnavailable,
            "The limits of this API key or its user cannot be checked right now (Budgets:FailureMode is closed); retry shortly.",
            null,
            "limits_unavailable"));
    }

    private static GatewayError RateLimit(string message) => new(StatusCodes.Status429TooManyRequests, message, null, "rate_limit_exceeded");
}
