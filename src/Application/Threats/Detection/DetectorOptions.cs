using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Application.Threats.Detection;

/// <summary>
/// A detector raises an incident when <see cref="Threshold"/> sightings of one key (an address, mostly) fall within
/// <see cref="WindowSeconds"/>; every later sighting less than a window after the previous one joins that incident.
/// </summary>
public abstract class DetectorOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int Threshold { get; set; } = 1;

    [Range(1, 31_536_000)]
    public int WindowSeconds { get; set; } = 600;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>Options of a detector that can refuse requests as well as report them.</summary>
public abstract class BlockingDetectorOptions : DetectorOptions
{
    /// <summary><c>Detect</c> reports only; <c>Block</c> also refuses, in the caller's protocol.</summary>
    public DetectorMode Mode { get; set; } = DetectorMode.Detect;

    public virtual bool Blocks => Mode == DetectorMode.Block;
}

public enum DetectorMode
{
    Detect,
    Block,
}

/// <summary>Options bound from their own configuration section (<c>ThreatDetection:&lt;Detector&gt;</c>).</summary>
public interface IOptionsSection
{
    static abstract string Section { get; }
}
