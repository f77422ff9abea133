using CleanDashboard.Domain.Enums;

namespace CleanDashboard.Application.Threats.Detection;

/// <summary>
/// One kind of threat: says whether a signal is a sighting of it. The <see cref="ThreatDetectionEngine"/> counts sightings in
/// incident windows, turns them into threat events and, for <see cref="IBlockingThreatDetector"/>s in block mode, refuses requests.
/// A new detector is this class, its options, its tests and one line in <see cref="ThreatDetectionServices"/>.
/// </summary>
public interface IThreatDetector
{
    /// <summary>The stored threat type; the threat-type list the API and the UI's filter offer is made of these.</summary>
    string ThreatType { get; }

    DetectorOptions Settings { get; }

    /// <summary>A sighting of this threat in the signal, or null when there is none.</summary>
    ThreatSighting? Inspect(ThreatSignal signal);
}

/// <summary>A detector that can refuse requests when its options say <c>Mode: Block</c>.</summary>
public interface IBlockingThreatDetector : IThreatDetector
{
    /// <summary>What a refused caller is told.</summary>
    ThreatRefusal Refusal { get; }

    /// <summary>
    /// True: while the address has an open incident its every request is refused (it is the address that attacks);
    /// false: only the request sighted is refused (it is the request that is harmful).
    /// </summary>
    bool BlocksAddress { get; }
}

/// <param name="Key">What the incident window counts by: the address for most detectors.</param>
/// <param name="Describe">Severity and description, given the incident's total occurrences so far.</param>
/// <param name="MatchedText">The redacted text around what was matched, if the detector read a body.</param>
public sealed record ThreatSighting(string Key, Func<int, ThreatFinding> Describe, string? MatchedText = null);

public readonly record struct ThreatFinding(ThreatSeverity Severity, string Description);

/// <summary>A refused request's answer: status, message and machine-readable code, written in the caller's protocol.</summary>
public sealed record ThreatRefusal(int Status, string Message, string Code);
