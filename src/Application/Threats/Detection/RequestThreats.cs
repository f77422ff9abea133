using CleanDashboard.Application.Threats.Common;

namespace CleanDashboard.Application.Threats.Detection;

/// <summary>
/// A tracked request's feature: the threats its body raised wait here and leave with its request log, so the writer
/// links them to it in the same batch. Requests that are not tracked have none, and their threats go straight to the queue.
/// </summary>
public sealed class RequestThreats
{
    private List<ThreatEvent>? _events;

    public IReadOnlyList<ThreatEvent>? Events => _events;

    public void Add(ThreatEvent threat) => (_events ??= []).Add(threat);
}
