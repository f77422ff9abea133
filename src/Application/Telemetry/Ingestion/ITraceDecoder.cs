namespace CleanDashboard.Application.Telemetry.Ingestion;

/// <summary>Reads an OTLP <c>ExportTraceServiceRequest</c>.</summary>
public interface ITraceDecoder
{
    /// <summary>Every span of the export, in order; throws <see cref="InvalidTelemetryException"/> naming the problem when the body is not an export.</summary>
    IReadOnlyList<TelemetrySpan> Decode(ReadOnlyMemory<byte> body, TraceEncoding encoding);
}
