using System.Diagnostics.Metrics;

namespace CleanDashboard.Application.Telemetry.Metrics;

/// <summary><c>cleandashboard.otlp.spans</c>: the spans of OTLP exports by what became of them (recorded, ignored, rejected).</summary>
public sealed class IngestionCounters
{
    private readonly Counter<long> _spans;

    public IngestionCounters(IMeterFactory meters)
    {
        var meter = meters.Create(TelemetryNames.Meter);
        _spans = meter.CreateCounter<long>("cleandashboard.otlp.spans", "{span}", "Spans received on /v1/traces, by outcome.");
    }

    public void Count(int recorded, int ignored, int rejected)
    {
        Add(recorded, "recorded");
        Add(ignored, "ignored");
        Add(rejected, "rejected");
    }

    private void Add(int count, string outcome)
    {
        if (count > 0)
        {
            _spans.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
