using CleanDashboard.WebApi.Gateway.Protocols;
using Microsoft.AspNetCore.Diagnostics;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>
/// The body of an answer that has a status and none: in the protocol of a gateway path (a route a client calls that does
/// not exist, a method it does not allow), else a problem document as for CleanDashboard's own API.
/// </summary>
internal static class GatewayStatusCodePages
{
    public static async Task WriteAsync(StatusCodeContext statusCode)
    {
        var context = statusCode.HttpContext;
        var status = context.Response.StatusCode;
        if (context.RequestServices.GetRequiredService<GatewayProtocols>().ForRequest(context) is { } protocol)
        {
            var message = status == StatusCodes.Status404NotFound
                ? $"Unknown route: {context.Request.Method} {context.Request.Path} is not served by this gateway."
                : $"{context.Request.Method} {context.Request.Path} failed with status {status}.";
            await GatewayErrorWriter.WriteAsync(context.Response, protocol, new GatewayError(status, message, null, status == StatusCodes.Status404NotFound ? "unknown_url" : null), context.RequestAborted);
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status },
        });
    }
}
