namespace CleanDashboard.Application.Telemetry.Metrics;

/// <summary>The names our meter and activity source publish under, for the exporters to subscribe to.</summary>
public static class TelemetryNames
{
    /// <summary>Every metric of ours: the GenAI client metrics and the product's own (<c>cleandashboard.*</c>).</summary>
    public const string Meter = "CleanDashboard";

    /// <summary>The CLIENT spans of upstream calls.</summary>
    public const string ActivitySource = "CleanDashboard.Gateway";
}
