using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.Threats.Detection;

/// <summary>
/// Runs every registered detector over each signal, counts their sightings in in-memory incident windows (one
/// <see cref="IncidentTracker"/> per detector), and hands the threat events to the background writer. Nothing here
/// touches the database. Blocking detectors in block mode turn a sighting (or an address's open incident) into a refusal.
/// </summary>
public sealed class ThreatDetectionEngine
{
    public const string UnknownAddress = "unknown";

    private readonly (IThreatDetector Detector, IncidentTracker Incidents)[] _detectors;
    private readonly IRequestLogQueue _queue;

    public ThreatDetectionEngine(IEnumerable<IThreatDetector> detectors, IOptions<ThreatDetectionOptions> options, IRequestLogQueue queue)
    {
        _detectors = detectors.Select(d => (d, new IncidentTracker(options.Value.MaxTrackedAddresses))).ToArray();
        _queue = queue;
    }

    /// <summary>
    /// Counts the signal's sightings; says how to refuse the request when a blocking detector sighted it, else null.
    /// With <paramref name="request"/>, events of a request body leave with that request's log instead of on their own.
    /// </summary>
    public ThreatRefusal? Observe(ThreatSignal signal, RequestThreats? request = null)
    {
        ThreatRefusal? refusal = null;
        var now = signal.At.UtcDateTime;
        foreach (var (detector, incidents) in _detectors)
        {
            var settings = detector.Settings;
            if (!settings.Enabled || detector.Inspect(signal) is not { } sighting)
            {
                continue;
            }

            var counted = incidents.Record(sighting.Key, now, settings.Threshold, settings.Window);
            if (counted.NewOccurrences > 0)
            {
                var (severity, description) = sighting.Describe(counted.IncidentTotal);
                var threat = new ThreatEvent(detector.ThreatType, severity, signal.Address, description, now, counted.NewOccurrences, settings.Window, sighting.MatchedText);
                Deliver(threat, signal.Stage == ThreatSignalStage.RequestBody ? request : null);
            }

            if (detector is IBlockingThreatDetector { BlocksAddress: false } blocking && Blocks(blocking))
            {
                refusal ??= blocking.Refusal;
            }
        }

        return refusal;
    }

    /// <summary>Whether a blocking detector holds the address's requests back for now (an open incident of an address it blocks).</summary>
    public ThreatRefusal? RefusalFor(string address, DateTimeOffset at)
    {
        foreach (var (detector, incidents) in _detectors)
        {
            if (detector is IBlockingThreatDetector { BlocksAddress: true } blocking && Blocks(blocking)
                && incidents.IsOpen(address, at.UtcDateTime, detector.Settings.Window))
            {
                return blocking.Refusal;
            }
        }

        return null;
    }

    /// <summary>Whether any detector blocks whole addresses: the web layer skips the check per request otherwise.</summary>
    public bool BlocksAddresses => _detectors.Any(d => d.Detector is IBlockingThreatDetector { BlocksAddress: true } blocking && Blocks(blocking));

    private static bool Blocks(IBlockingThreatDetector detector) =>
        detector.Settings is BlockingDetectorOptions { Enabled: true, Blocks: true };

    private void Deliver(ThreatEvent threat, RequestThreats? request)
    {
        if (request is null)
        {
            _queue.TryEnqueue(threat);
        }
        else
        {
            request.Add(threat);
        }
    }
}
