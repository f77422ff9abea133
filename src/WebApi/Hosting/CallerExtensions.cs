using CleanDashboard.Application.Auth;

namespace CleanDashboard.WebApi.Hosting;

public static class CallerExtensions
{
    /// <summary>The authenticated caller, as plain data for a command; only for endpoints that require a key.</summary>
    public static AuthenticatedCaller Caller(this HttpContext context) =>
        context.Features.Get<AuthenticatedCaller>() ?? throw new InvalidOperationException("The endpoint must require an API key.");
}
