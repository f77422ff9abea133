using CleanDashboard.Application.Gateway;
using CleanDashboard.WebApi.Tracking;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>
/// Serves one model request: reads the body (413 over the limit), reads its <c>model</c> (400 when it cannot),
/// picks the demo model or an upstream (404 when none serves it), then answers in-process or forwards with YARP,
/// which streams the answer back chunk by chunk. Upstream failures become 502 and silence past the timeout 504, written
/// in the route's protocol.
/// </summary>
public sealed class GatewayProxy(
    IHttpForwarder forwarder,
    UpstreamHttpClient upstreamClient,
    UpstreamRouter router,
    DemoModelResponder demoModel,
    IOptions<GatewayOptions> options,
    ILogger<GatewayProxy> logger)
{
    private readonly ForwarderRequestConfig _forwarderConfig = new() { ActivityTimeout = options.Value.UpstreamTimeout };

    public async Task<IResult> HandleAsync(HttpContext context, GatewayOperation operation, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = await RequestBodyReader.ReadAsync(context.Request, settings.MaxRequestBytes, cancellationToken);
        var request = GatewayRequest.Parse(body);
        context.Items[RequestTrackingMiddleware.ModelItemKey] = request.Model;
        var target = router.Route(request.Model, operation);
        if (target.IsDemoModel)
        {
            context.Items[RequestTrackingMiddleware.UpstreamItemKey] = UpstreamRouter.DemoUpstreamName;
            await demoModel.AnswerAsync(context, request, operation, settings.InjectStreamUsage, cancellationToken);
            return Results.Empty;
        }

        context.Items[RequestTrackingMiddleware.UpstreamItemKey] = target.Upstream!.Name;
        context.Items[RequestTrackingMiddleware.ProviderItemKey] = target.Upstream.PricingProvider;
        if (!operation.SpeaksOllama() && settings.InjectStreamUsage && request.IsStreaming(operation) && request.RequestStreamUsage())
        {
            body = request.ToUtf8Bytes();
        }

        return await ForwardAsync(context, operation, target, body);
    }

    private async Task<IResult> ForwardAsync(HttpContext context, GatewayOperation operation, GatewayTarget target, ArraySegment<byte> body)
    {
        var upstream = target.Upstream!;
        var clientBody = context.Request.Body;
        context.Request.Body = new MemoryStream(body.Array!, body.Offset, body.Count, writable: false);
        context.Request.ContentLength = body.Count;
        context.Request.Headers.TransferEncoding = default;
        ForwarderError error;
        try
        {
            error = await forwarder.SendAsync(context, target.Address!.AbsoluteUri, upstreamClient.Invoker, _forwarderConfig, new UpstreamRequestTransformer(target.Address, upstream.ApiKey));
        }
        finally
        {
            context.Request.Body = clientBody;
        }

        if (error == ForwarderError.None || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }

        var cause = context.GetForwarderErrorFeature()?.Exception;
        var format = GatewayErrorFormat.For(operation);
        if (error == ForwarderError.RequestTimedOut)
        {
            logger.LogWarning("Upstream {Upstream} did not answer within {Timeout}", upstream.Name, _forwarderConfig.ActivityTimeout);
            return new GatewayErrorResult(format, new GatewayError(
                StatusCodes.Status504GatewayTimeout,
                $"The upstream '{upstream.Name}' did not answer within {_forwarderConfig.ActivityTimeout} (Gateway:UpstreamTimeout).",
                null,
                "upstream_timeout"));
        }

        logger.LogWarning("Upstream {Upstream} failed ({Error}): {Reason}", upstream.Name, error, cause?.Message);
        return new GatewayErrorResult(format, new GatewayError(
            StatusCodes.Status502BadGateway,
            $"The upstream '{upstream.Name}' could not be reached or failed before answering.",
            null,
            "upstream_unavailable"));
    }
}
