using CleanDashboard.WebApi.Gateway;
using CleanDashboard.WebApi.Gateway.Protocols;
using CleanDashboard.WebApi.Tracking;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Threats;

/// <summary>
/// Reads the first bytes of gateway request bodies (POST under the configured paths), searches them for
/// injection phrasing, and puts them back in front of the rest of the body so the endpoint reads it whole.
/// With <c>Block</c> on, a request with injection phrasing is answered 400, in the route's protocol, and goes no further.
/// </summary>
public sealed class PromptInjectionMiddleware(
    RequestDelegate next,
    IOptions<ThreatDetectionOptions> options,
    PromptInjectionScanner scanner,
    ThreatDetector detector,
    ClientAddressResolver clientAddresses,
    GatewayProtocols protocols,
    IProblemDetailsService problemDetails)
{
    public const string BlockedMessage = "The request contains phrasing used in prompt-injection attacks.";

    /// <summary>The <c>code</c> of the gateway's answer to a blocked request.</summary>
    public const string BlockedCode = "prompt_injection_detected";

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value.PromptInjection;
        if (!settings.Enabled || !HttpMethods.IsPost(context.Request.Method) || !IsScanned(context.Request.Path, settings, protocols.PathPrefixes))
        {
            await next(context);
            return;
        }

        var original = context.Request.Body;
        var prefix = await ReadPrefixAsync(original, Math.Max(1024, settings.ScanLimitBytes), context.RequestAborted);
        context.Request.Body = new PrefixedStream(prefix, original);
        try
        {
            var scan = scanner.Scan(prefix.Span);
            if (scan.IsInjection)
            {
                detector.PromptInjection(clientAddresses.Resolve(context)?.ToString(), context.Request.Path.Value ?? string.Empty, scan, context.Features.Get<RequestThreats>());
                if (settings.Block && protocols.ForRequest(context) is { } protocol)
                {
                    await GatewayErrorWriter.WriteAsync(context.Response, protocol, new GatewayError(StatusCodes.Status400BadRequest, BlockedMessage, null, BlockedCode), context.RequestAborted);
                    return;
                }

                if (settings.Block)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await problemDetails.WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status400BadRequest,
                            Title = "The request was rejected.",
                            Detail = BlockedMessage,
                        },
                    });
                    return;
                }
            }

            await next(context);
        }
        finally
        {
            context.Request.Body = original;
        }
    }

    private static bool IsScanned(PathString path, PromptInjectionDetectorOptions settings, IReadOnlyList<string> defaultPaths)
    {
        var value = path.Value ?? string.Empty;
        var prefixes = settings.Paths.Count > 0 ? settings.Paths : defaultPaths;
        // Trace exports are protobuf or gzip, and may carry conversations on purpose: they are no prompt sent to a model.
        return prefixes.Any(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            && !value.StartsWith(Telemetry.OtlpIngestionOptions.Path, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadPrefixAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[limit];
        var read = 0;
        while (read < limit)
        {
            var n = await body.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return buffer.AsMemory(0, read);
    }
}
