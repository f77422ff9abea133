using CleanDashboard.Application.Telemetry.Metrics;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.Tracking;

namespace CleanDashboard.Infrastructure.Telemetry;

/// <summary>
/// Where every completed request (gateway and OTLP) and threat is handed to the writer, the one place that records the
/// GenAI metrics and the gateway's CLIENT span of the upstream call — so the proxy code itself carries no telemetry.
/// </summary>
internal sealed class InstrumentedRequestLogQueue(RequestLogQueue queue, GenAiClientMetrics genAi, ThreatMetrics threats, UpstreamCallSpans spans) : IRequestLogQueue
{
    public bool TryEnqueue(TrackedRequest entry)
    {
        genAi.Record(entry);
        spans.Record(entry);
        foreach (var threat in entry.Threats ?? [])
        {
            threats.Record(threat);
        }

        return queue.TryEnqueue(entry);
    }

    public bool TryEnqueue(ThreatEvent threat)
    {
        threats.Record(threat);
        return queue.TryEnqueue(threat);
    }
}
