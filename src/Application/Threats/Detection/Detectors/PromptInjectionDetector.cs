using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary>Injection phrasing in a request body; in block mode that request is answered 400 and goes no further.</summary>
public sealed class PromptInjectionDetector(IOptions<PromptInjectionDetectorOptions> options, PromptInjectionScanner scanner) : IBlockingThreatDetector
{
    public const string BlockedMessage = "The request contains phrasing used in prompt-injection attacks.";

    /// <summary>The <c>code</c> of the gateway's answer to a blocked request.</summary>
    public const string BlockedCode = "prompt_injection_detected";

    public string ThreatType => ThreatTypes.PromptInjection;

    public DetectorOptions Settings { get; } = options.Value;

    public bool BlocksAddress => false;

    public ThreatRefusal Refusal { get; } = new(400, BlockedMessage, BlockedCode);

    public ThreatSighting? Inspect(ThreatSignal signal)
    {
        if (signal.Stage != ThreatSignalStage.RequestBody || scanner.Scan(signal.Body.Span) is not { IsInjection: true } scan)
        {
            return null;
        }

        var route = signal.Path.Length <= 64 ? signal.Path : signal.Path[..64];
        return new ThreatSighting(signal.Address, _ => scan.ProbesSecrets
            ? new ThreatFinding(ThreatSeverity.Critical, $"Prompt-injection phrasing (\"{scan.Phrase}\") combined with an attempt to read the system prompt or secrets (\"{scan.SecretProbe}\") in a request to {route}.")
            : new ThreatFinding(ThreatSeverity.Medium, $"Prompt-injection phrasing (\"{scan.Phrase}\") in a request to {route}."), scan.MatchedText);
    }
}
