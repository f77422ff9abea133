using CleanDashboard.Application.Gateway;
using CleanDashboard.WebApi.Gateway.Failover;
using CleanDashboard.WebApi.Gateway.Limits;
using CleanDashboard.WebApi.Gateway.Protocols;
using CleanDashboard.WebApi.Tracking;
using CleanDashboard.Application.Gateway.Validation;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace CleanDashboard.WebApi.Gateway;

/// <summary>
/// Serves one model request: reads the body (413 over the limit), reads its <c>model</c> (400 when it cannot),
/// picks the demo model or an upstream (404 when none serves it), then answers in-process or forwards with YARP,
/// which streams the answer back chunk by chunk. Before it answers, the key's and user's limits may refuse it (429). Upstream failures become 502 and silence past the timeout 504, written
/// in the route's protocol. <see cref="ForwardAsync"/> is the one place a request goes to an upstream.
/// </summary>
public sealed class GatewayProxy(
    UpstreamFailover failover,
    UpstreamRouter router,
    GatewayProtocols protocols,
    GatewayLimits limits,
    IOptions<GatewayOptions> options,
    ILogger<GatewayProxy> logger)
{
    // UpstreamSilenceHandler enforces the timeout itself; the forwarder's own, twice as long, is only a backstop.
    private readonly ForwarderRequestConfig _forwarderConfig = new() { ActivityTimeout = options.Value.UpstreamTimeout * 2 };

    private TimeSpan UpstreamTimeout => options.Value.UpstreamTimeout;

    public async Task<IResult> HandleAsync(HttpContext context, GatewayOperation operation, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var protocol = protocols.For(operation);
        var body = await RequestBodyReader.ReadAsync(context.Request, settings.MaxRequestBytes, cancellationToken);
        var request = GatewayRequest.Parse(body);
        context.Items[RequestTrackingMiddleware.ModelItemKey] = request.Model;
        context.Items[RequestTrackingMiddleware.PromptTextItemKey] = (Func<string>)(() => PromptText.Of(request.Body));
        var target = router.Route(request.Model, operation);
        var injectUsage = settings.InjectStreamUsage && protocol.InjectsStreamUsage(request, operation);
        var clientBody = context.Response.Body;
        await using var filter = injectUsage ? new UsageChunkFilterStream(clientBody, withheld => context.Items[RequestTrackingMiddleware.WithheldUsageItemKey] = withheld) : null;
        context.Response.Body = filter ?? clientBody;
        try
        {
            var result = await AnswerAsync(context, protocol, request, operation, target, body, injectUsage, cancellationToken);
            if (filter is not null)
            {
                await filter.CompleteAsync(cancellationToken);
            }

            return result;
        }
        catch (ClientGoneException)
        {
            // The client hung up mid-answer; the request log records 499 and nothing more can be sent.
            return Results.Empty;
        }
        finally
        {
            context.Response.Body = clientBody;
        }
    }

    /// <summary>
    /// <c>GET</c>/<c>DELETE /v1/responses/{id}</c> and its input items: no body and no model to route on, so they go to
    /// the first OpenAI-kind upstream, the one that can have stored the response (decision 085).
    /// </summary>
    public async Task<IResult> HandleStoredResponseAsync(HttpContext context, string responseId, string? subresource)
    {
        var protocol = protocols.For(GatewayOperation.Responses);
        var upstream = router.Upstreams.FirstOrDefault(u => u.Kind == UpstreamKind.OpenAI);
        if (upstream is null)
        {
            return new GatewayErrorResult(protocol, new GatewayError(
                StatusCodes.Status404NotFound,
                $"No response with id '{responseId}' is stored: no upstream of kind openai is configured, and the demo model stores none.",
                null,
                "not_found"));
        }

        var path = protocol.UpstreamPath(GatewayOperation.Responses) + "/" + Uri.EscapeDataString(responseId) + (subresource is null ? string.Empty : "/" + subresource);
        context.Items[RequestTrackingMiddleware.UpstreamItemKey] = upstream.Name;
        try
        {
            return await ForwardAsync(context, GatewayOperation.Responses, new GatewayTarget(upstream, UpstreamRouter.Address(upstream, path)), body: null);
        }
        catch (ClientGoneException)
        {
            return Results.Empty;
        }
    }

    private async Task<IResult> AnswerAsync(HttpContext context, GatewayProtocol protocol, GatewayRequest request, GatewayOperation operation, GatewayTarget target, ArraySegment<byte> body, bool injectUsage, CancellationToken cancellationToken)
    {
        if (target.IsDemoModel)
        {
            context.Items[RequestTrackingMiddleware.UpstreamItemKey] = UpstreamRouter.DemoUpstreamName;
            GatewayBodyValidator.Validate(request, operation);
            if (await limits.RefuseAsync(context, protocol, request, operation, target, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            await protocol.AnswerDemoAsync(context, request, operation, options.Value.InjectStreamUsage, cancellationToken);
            return Results.Empty;
        }

        context.Items[RequestTrackingMiddleware.UpstreamItemKey] = target.Upstream!.Name;
        context.Items[RequestTrackingMiddleware.ProviderItemKey] = target.Upstream.PricingProvider;
        if (await limits.RefuseAsync(context, protocol, request, operation, target, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (injectUsage && request.RequestStreamUsage())
        {
            body = request.ToUtf8Bytes();
        }

        return await ForwardAsync(context, operation, target, body);
    }

    /// <summary>
    /// Sends the request to the chosen upstream and streams its answer to the client: the one place the gateway talks to
    /// an upstream. <paramref name="body"/> replaces the client's body (null: none is sent); the client's key is swapped
    /// for the upstream's own credentials. Failures before the answer began come back as an error result in the route's
    /// protocol; after, the stream ends with the protocol's error event for the operation.
    /// </summary>
    private async Task<IResult> ForwardAsync(HttpContext context, GatewayOperation operation, GatewayTarget target, ArraySegment<byte>? body)
    {
        var upstream = target.Upstream!;
        var clientProtocol = protocols.For(operation);
        var clientBody = context.Request.Body;
        if (body is { } replacement)
        {
            context.Request.Body = new MemoryStream(replacement.Array!, replacement.Offset, replacement.Count, writable: false);
            context.Request.ContentLength = replacement.Count;
            context.Request.Headers.TransferEncoding = default;
        }

        var silence = new UpstreamSilence();
        ForwarderError error;
        try
        {
            error = await failover.ForwardAsync(context, target, _forwarderConfig, silence, (to, address) => new UpstreamRequestTransformer(address, to, protocols.For(to.Kind), silence));
        }
        finally
        {
            context.Request.Body = clientBody;
        }

        if ((error == ForwarderError.None && !silence.TimedOut) || context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }

        var cause = context.GetForwarderErrorFeature()?.Exception;
        if (context.Response.HasStarted)
        {
            await EndStartedStreamAsync(context, clientProtocol, operation, upstream, error, cause, silence.TimedOut);
            return Results.Empty;
        }

        if (error == ForwarderError.RequestTimedOut || silence.TimedOut)
        {
            logger.LogWarning("Upstream {Upstream} did not answer within {Timeout}", upstream.Name, UpstreamTimeout);
            return new GatewayErrorResult(clientProtocol, new GatewayError(
                StatusCodes.Status504GatewayTimeout,
                $"The upstream '{upstream.Name}' did not answer within {UpstreamTimeout} (Gateway:UpstreamTimeout).",
                null,
                "upstream_timeout"));
        }

        logger.LogWarning("Upstream {Upstream} failed ({Error}): {Reason}", upstream.Name, error, cause?.Message);
        return new GatewayErrorResult(clientProtocol, new GatewayError(
            StatusCodes.Status502BadGateway,
            $"The upstream '{upstream.Name}' could not be reached or failed before answering.",
            null,
            "upstream_unavailable"));
    }

    /// <summary>
    /// The upstream went silent (or failed) after the answer had begun: the status line is gone, so the client's stream
    /// ends with an error event in its protocol and the request log gets 504 (or 502) instead of the 200 already sent.
    /// </summary>
    private async Task EndStartedStreamAsync(HttpContext context, GatewayProtocol protocol, GatewayOperation operation, Upstream upstream, ForwarderError error, Exception? cause, bool timedOut)
    {
        if (cause is ClientGoneException || error == ForwarderError.ResponseBodyClient)
        {
            return;
        }

        logger.LogWarning("Upstream {Upstream} stopped mid-answer ({Error}): {Reason}", upstream.Name, error, cause?.Message);
        var failure = timedOut
            ? new GatewayError(StatusCodes.Status504GatewayTimeout, $"The upstream '{upstream.Name}' sent nothing for {UpstreamTimeout} mid-answer (Gateway:UpstreamTimeout).", null, "upstream_timeout")
            : new GatewayError(StatusCodes.Status502BadGateway, $"The upstream '{upstream.Name}' failed mid-answer.", null, "upstream_unavailable");
        context.Items[RequestTrackingMiddleware.StatusItemKey] = failure.Status;
        try
        {
            await GatewayErrorWriter.WriteStreamEventAsync(context.Response, protocol, operation, failure, context.RequestAborted);
        }
        catch (Exception ex) when (ex is ClientGoneException or OperationCanceledException)
        {
            // The client left as well: the request log still records why the answer ended.
        }
    }
}
