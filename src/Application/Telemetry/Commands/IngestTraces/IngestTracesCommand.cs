using CleanDashboard.Application.Telemetry.Ingestion;
using CleanDashboard.Application.Telemetry.Metrics;
using CleanDashboard.Application.Tracking;
using MediatR;

namespace CleanDashboard.Application.Telemetry.Commands.IngestTraces;

/// <summary>An OTLP trace export sent by an app with its API key: each GenAI span becomes a request log of the key's user.</summary>
public sealed record IngestTracesCommand(ReadOnlyMemory<byte> Body, TraceEncoding Encoding, int? UserId, int? ApiKeyId) : IRequest<IngestTracesResult>;

/// <summary>How many spans became request logs, were ignored (no <c>gen_ai.*</c> attributes) or were rejected, and why the first rejected ones were.</summary>
public sealed record IngestTracesResult(int Recorded, int Ignored, int Rejected, string? ErrorMessage);

public sealed class IngestTracesCommandHandler(ITraceDecoder decoder, GenAiSpanMapper mapper, IRequestLogQueue queue, IngestionCounters counters)
    : IRequestHandler<IngestTracesCommand, IngestTracesResult>
{
    /// <summary>Rejection reasons quoted in the answer; the count covers the rest.</summary>
    public const int QuotedReasons = 5;

    public Task<IngestTracesResult> Handle(IngestTracesCommand request, CancellationToken cancellationToken)
    {
        var spans = decoder.Decode(request.Body, request.Encoding);
        int recorded = 0, ignored = 0, queueRefused = 0;
        var reasons = new List<string>();
        foreach (var span in spans)
        {
            var mapping = mapper.Map(span, request.UserId, request.ApiKeyId);
            if (mapping.Rejection is { } reason)
            {
                reasons.Add(reason);
            }
            else if (mapping.Request is null)
            {
                ignored++;
            }
            else if (queue.TryEnqueue(mapping.Request))
            {
                recorded++;
            }
            else if (recorded == 0)
            {
                throw new TelemetryBackpressureException();
            }
            else
            {
                queueRefused++;
            }
        }

        var rejected = reasons.Count + queueRefused;
        counters.Count(recorded, ignored, rejected);
        return Task.FromResult(new IngestTracesResult(recorded, ignored, rejected, Message(reasons, queueRefused)));
    }

    private static string? Message(List<string> reasons, int queueRefused)
    {
        var parts = reasons.Take(QuotedReasons).ToList();
        if (reasons.Count > QuotedReasons)
        {
            parts.Add($"and {reasons.Count - QuotedReasons} more spans rejected");
        }

        if (queueRefused > 0)
        {
            parts.Add($"{queueRefused} spans not recorded: the request log queue is full");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }
}
