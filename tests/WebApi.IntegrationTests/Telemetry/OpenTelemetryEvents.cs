using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary>The OpenTelemetry SDK's own diagnostics (why a span was dropped or an export failed), for an assertion's message.</summary>
internal sealed class OpenTelemetryEvents : EventListener
{
    private readonly ConcurrentQueue<string> _events = new();

    public override string ToString() => string.Join(Environment.NewLine, _events);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name.StartsWith("OpenTelemetry", StringComparison.Ordinal))
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is "MetricInstrumentIgnored")
        {
            return;
        }

        _events.Enqueue($"{eventData.EventSource.Name} {eventData.EventName}: {string.Join(", ", eventData.Payload ?? [])}");
    }
}
