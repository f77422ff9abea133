using System.Security.Claims;
using System.Text.Encodings.Web;
using CleanDashboard.Application.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Infrastructure;

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c> — what OpenAI SDKs send — against the stored key hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyAuthenticator authenticator,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ApiKeyIdClaim = "api_key_id";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header[BearerPrefix.Length..].Trim();
        var caller = key.Length == 0 ? null : await authenticator.AuthenticateAsync(key, Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        Context.Features.Set(caller);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, caller.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, caller.UserName),
                new Claim(ClaimTypes.Role, caller.Role.ToString().ToLowerInvariant()),
                new Claim(ApiKeyIdClaim, caller.ApiKeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync("Unauthorized", "Send a valid API key as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync("Forbidden", "This API key does not have access to this resource; an admin key is required.");
    }

    private Task WriteProblemAsync(string title, string detail) =>
        problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = Response.StatusCode, Title = title, Detail = detail },
        }).AsTask();
}
