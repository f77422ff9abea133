namespace CleanDashboard.Application.Telemetry.Ingestion;

/// <summary>One span as an OTLP export carried it, decoded from protobuf or JSON; only what ingestion reads.</summary>
/// <param name="Location">Where it sat in the export, e.g. <c>resourceSpans[0].scopeSpans[1].spans[2]</c>, to name it in a rejection.</param>
/// <param name="Attributes">The span's attributes; values are <c>string</c>, <c>bool</c>, <c>long</c>, <c>double</c>, or <c>null</c> for arrays, maps and bytes.</param>
public sealed record TelemetrySpan(
    string Location,
    string Name,
    ulong StartTimeUnixNano,
    ulong EndTimeUnixNano,
    SpanStatusCode Status,
    IReadOnlyDictionary<string, object?> Attributes);

/// <summary>OTLP's <c>Status.StatusCode</c>.</summary>
public enum SpanStatusCode
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}
