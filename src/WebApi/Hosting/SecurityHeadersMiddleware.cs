using Scalar.AspNetCore;

namespace CleanDashboard.WebApi.Hosting;

/// <summary>
/// Every response carries the browser security headers and no server banner. The content security policy
/// allows scripts from this origin only; the API reference page's one inline bootstrap is allowed by the
/// per-request nonce Scalar puts on its script tags, so no response allows inline script in general.
/// Only that page allows inline styles (Scalar sets them); the web UI needs none.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), " +
        "geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), " +
        "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), " +
        "xr-spatial-tracking=()";

    /// <summary>The policy; a page with a script nonce is Scalar's API reference, which also sets inline styles.</summary>
    public static string ContentSecurityPolicy(string? scriptNonce) =>
        "default-src 'self'; " +
        (scriptNonce is null ? "script-src 'self'; style-src 'self'; " : $"script-src 'self' 'nonce-{scriptNonce}'; style-src 'self' 'unsafe-inline'; ") +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'none'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Items[ScalarOptions.NonceHttpContextItemKey] as string);
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
