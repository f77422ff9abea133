using CleanDashboard.Application.Threats.Common;

namespace CleanDashboard.Application.Tracking;

/// <summary>The hand-off between the request path and the background writer. Never blocks.</summary>
public interface IRequestLogQueue
{
    /// <summary>Queues the entry; returns false (and counts a drop) when the queue is full or closed.</summary>
    bool TryEnqueue(TrackedRequest entry);

    /// <summary>Queues a detector's report for the same writer; returns false (and counts a drop) when the queue is full or closed.</summary>
    bool TryEnqueue(ThreatEvent threat);
}
