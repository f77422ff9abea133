using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Capture;
using CleanDashboard.Application.Gateway;
using CleanDashboard.Application.Tracking;
using CleanDashboard.WebApi.Gateway.Protocols;

namespace CleanDashboard.WebApi.Tracking;

/// <summary>
/// Decides whether a gateway request's bodies are captured (<c>Capture:*</c>, and the key's "never capture" flag) and
/// builds the capture from what the tracking middleware saw: the request body, and the JSON answer or the stream
/// assembled by <see cref="StreamAnswerAssembler"/>. Never a header but content type and user agent.
/// </summary>
public sealed class ExchangeCapture(CaptureOptions options, CaptureBuilder builder, GatewayProtocols protocols)
{
    /// <summary>Whether the request may be captured at all: capture is on and the path is a gateway route.</summary>
    public bool MayCapture(PathString path) =>
        options.Enabled && protocols.PathPrefixes.Any(p => PathPrefix.IsUnder(path.Value ?? string.Empty, p));

    public StreamAnswerAssembler NewAssembler() => new(options.MaxBodyBytes);

    internal CapturedExchange? Capture(HttpContext context, string model, string? upstream, CapturingStream request, CapturingStream response, TokenUsage usage)
    {
        if (!options.Covers(model, upstream) || context.Features.Get<AuthenticatedCaller>() is null or { NeverCapture: true })
        {
            return null;
        }

        var answer = string.Empty;
        var answerTruncated = false;
        if (response.Assembler is { } assembler)
        {
            assembler.Finish();
            answer = CaptureBuilder.AssembledAnswer(assembler, usage);
            answerTruncated = assembler.Truncated;
        }
        else if (response.Capturing)
        {
            answer = builder.ResponseBody(response.Prefix, response.TotalBytes, out answerTruncated);
        }

        return builder.Build(request.Capturing ? request.Prefix : [], request.Capturing ? request.TotalBytes : 0, answer, answerTruncated, context.Request.ContentType, context.Request.Headers.UserAgent.ToString());
    }
}
