namespace CleanDashboard.Application.Telemetry.Ingestion;

/// <summary>The two OTLP/HTTP encodings: <c>application/x-protobuf</c> and <c>application/json</c>.</summary>
public enum TraceEncoding
{
    Protobuf,
    Json,
}
