namespace CleanDashboard.Application.Telemetry.Ingestion;

/// <summary>The export as a whole cannot be read (not protobuf, not JSON, a field of the wrong type); answered 400 naming the problem.</summary>
public sealed class InvalidTelemetryException(string message) : Exception(message);
