using CleanDashboard.Application.Telemetry.Ingestion;

namespace CleanDashboard.Infrastructure.Telemetry.Otlp;

/// <summary>Reads an OTLP trace export in either encoding.</summary>
public sealed class OtlpTraceDecoder : ITraceDecoder
{
    public IReadOnlyList<TelemetrySpan> Decode(ReadOnlyMemory<byte> body, TraceEncoding encoding) => encoding switch
    {
        TraceEncoding.Protobuf => OtlpProtobufDecoder.Decode(body.Span),
        _ => OtlpJsonDecoder.Decode(body),
    };

    internal static string SpanLocation(int resource, int scope, int span) => $"resourceSpans[{resource}].scopeSpans[{scope}].spans[{span}]";
}
