using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.Application.UnitTests.TestDoubles;

/// <summary>Keeps what is queued, for assertions; never full.</summary>
internal sealed class RecordingRequestLogQueue : IRequestLogQueue
{
    public List<TrackedRequest> Requests { get; } = [];

    public List<ThreatEvent> Threats { get; } = [];

    public bool TryEnqueue(TrackedRequest entry)
    {
        Requests.Add(entry);
        return true;
    }

    public bool TryEnqueue(ThreatEvent threat)
    {
        Threats.Add(threat);
        return true;
    }
}
