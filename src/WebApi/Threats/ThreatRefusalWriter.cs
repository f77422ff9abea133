using CleanDashboard.Application.Threats.Detection;
using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;

namespace CleanDashboard.WebApi.Threats;

/// <summary>Answers a refused request in the caller's protocol on gateway routes (decision 084), as a problem document elsewhere.</summary>
public sealed class ThreatRefusalWriter(GatewayProtocols protocols, IProblemDetailsService problemDetails)
{
    public async Task WriteAsync(HttpContext context, ThreatRefusal refusal)
    {
        if (protocols.ForRequest(context) is { } protocol)
        {
            await GatewayErrorWriter.WriteAsync(context.Response, protocol, new GatewayError(refusal.Status, refusal.Message, null, refusal.Code), context.RequestAborted);
            return;
        }

        context.Response.StatusCode = refusal.Status;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = refusal.Status,
                Title = "The request was rejected.",
                Detail = refusal.Message,
            },
        });
    }
}
