using CleanDashboard.Application.Telemetry.Ingestion;
using CleanDashboard.Infrastructure.Telemetry.Otlp.Wire;
using Google.Protobuf;

namespace CleanDashboard.Infrastructure.Telemetry.Otlp;

/// <summary>OTLP/HTTP binary: the body is a protobuf <c>ExportTraceServiceRequest</c>.</summary>
internal static class OtlpProtobufDecoder
{
    public static IReadOnlyList<TelemetrySpan> Decode(ReadOnlySpan<byte> body)
    {
        ExportTraceServiceRequest request;
        try
        {
            request = ExportTraceServiceRequest.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidTelemetryException($"The body is not a protobuf ExportTraceServiceRequest: {e.Message}");
        }

        var spans = new List<TelemetrySpan>();
        for (var r = 0; r < request.ResourceSpans.Count; r++)
        {
            var scopes = request.ResourceSpans[r].ScopeSpans;
            for (var s = 0; s < scopes.Count; s++)
            {
                for (var i = 0; i < scopes[s].Spans.Count; i++)
                {
                    var span = scopes[s].Spans[i];
                    spans.Add(new TelemetrySpan(
                        OtlpTraceDecoder.SpanLocation(r, s, i),
                        span.Name,
                        span.StartTimeUnixNano,
                        span.EndTimeUnixNano,
                        (SpanStatusCode)(span.Status?.Code ?? 0),
                        Attributes(span.Attributes)));
                }
            }
        }

        return spans;
    }

    private static Dictionary<string, object?> Attributes(IEnumerable<KeyValue> attributes)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            result.TryAdd(attribute.Key, Value(attribute.Value));
        }

        return result;
    }

    private static object? Value(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        _ => null,
    };
}
