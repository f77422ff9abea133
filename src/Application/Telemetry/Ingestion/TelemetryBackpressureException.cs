namespace CleanDashboard.Application.Telemetry.Ingestion;

/// <summary>The request-log queue refused the export's first span: nothing was taken, so the exporter may retry (503).</summary>
public sealed class TelemetryBackpressureException()
    : Exception("The request log queue is full; nothing of this export was recorded. Retry later.");
