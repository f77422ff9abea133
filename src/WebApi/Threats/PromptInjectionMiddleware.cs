using CleanDashboard.Application.Threats.Detection;
using CleanDashboard.Application.Threats.Detection.Detectors;
using CleanDashboard.WebApi.Gateway.Protocols;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Threats;

/// <summary>
/// Reads the first bytes of gateway request bodies (POST under the configured paths), searches them for
/// injection phrasing, and puts them back in front of the rest of the body so the endpoint reads it whole.
/// The prompt-injection detector reads them; in <c>Mode: Block</c> a request with injection phrasing is answered 400, in the route's protocol, and goes no further.
/// </summary>
public sealed class PromptInjectionMiddleware(
    RequestDelegate next,
    IOptions<PromptInjectionDetectorOptions> options,
    ThreatDetectionEngine engine,
    ThreatSignals signals,
    ThreatRefusalWriter refusals,
    GatewayProtocols protocols)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled || !HttpMethods.IsPost(context.Request.Method) || !IsScanned(context.Request.Path, settings, protocols.PathPrefixes))
        {
            await next(context);
            return;
        }

        var original = context.Request.Body;
        var prefix = await ReadPrefixAsync(original, settings.ScanLimitBytes, context.RequestAborted);
        context.Request.Body = new PrefixedStream(prefix, original);
        try
        {
            var signal = signals.For(context, ThreatSignalStage.RequestBody) with { Body = prefix };
            if (engine.Observe(signal, context.Features.Get<RequestThreats>()) is { } refusal)
            {
                await refusals.WriteAsync(context, refusal);
                return;
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
