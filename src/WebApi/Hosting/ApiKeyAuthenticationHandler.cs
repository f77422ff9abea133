using System.Security.Claims;
using System.Text.Encodings.Web;
using CleanDashboard.Application.Auth;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;
using CleanDashboard.WebApi.Tracking;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>
/// Authenticates the key the route's protocol carries it in — <c>Authorization: Bearer &lt;key&gt;</c> as OpenAI SDKs send it,
/// or <c>x-api-key</c> on Anthropic's routes — against the stored key hashes. A refusal on a gateway route is written in its protocol.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyAuthenticator authenticator,
    GatewayProtocols protocols,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ApiKeyIdClaim = "api_key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var protocol = protocols.ForRequest(Context);
        var key = protocol is null ? GatewayProtocol.BearerToken(Request) : protocol.ClientKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

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

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        if (protocols.ForRequest(Context) is { } protocol)
        {
            await RequestModel.RecordAsync(Context, Context.RequestAborted);
            await GatewayErrorWriter.WriteAsync(Response, protocol, new GatewayError(
                StatusCodes.Status401Unauthorized,
                $"Incorrect API key provided: send a valid CleanDashboard API key as {protocol.KeyHint}.",
                null,
                "invalid_api_key"), Context.RequestAborted);
            return;
        }

        await WriteProblemAsync("Unauthorized", "Send a valid API key as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        const string Detail = "This API key does not have access to this resource; an admin key is required.";
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return protocols.ForRequest(Context) is { } protocol
            ? GatewayErrorWriter.WriteAsync(Response, protocol, new GatewayError(StatusCodes.Status403Forbidden, Detail, null, "permission_denied"), Context.RequestAborted)
            : WriteProblemAsync("Forbidden", Detail);
    }

    private Task WriteProblemAsync(string title, string detail) =>
        problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = Response.StatusCode, Title = title, Detail = detail },
        }).AsTask();
}
