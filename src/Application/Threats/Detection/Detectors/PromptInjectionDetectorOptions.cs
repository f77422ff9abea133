using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary><c>ThreatDetection:PromptInjection</c>: known injection phrasing in request bodies of the gateway routes; in block mode answered 400.</summary>
public sealed class PromptInjectionDetectorOptions : BlockingDetectorOptions, IOptionsSection
{
    public static string Section => "ThreatDetection:PromptInjection";

    /// <summary>The name of <c>Mode: Block</c> before decision 112; still honoured.</summary>
    public bool Block { get; set; }

    public override bool Blocks => base.Blocks || Block;

    /// <summary>How much of a body is read and searched (at least 1 KiB).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int ScanLimitBytes { get; set; } = 64 * 1024;

    /// <summary>Path prefixes whose POST bodies are searched; unset: every gateway protocol's prefixes.</summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>Injection phrasings (replace the built-in list when set).</summary>
    public List<string> Phrases { get; set; } = [];

    /// <summary>Attempts to read the system prompt or secrets; together with an injection phrase the incident is critical.</summary>
    public List<string> SecretProbes { get; set; } = [];
}
