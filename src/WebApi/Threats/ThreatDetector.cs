using System.Globalization;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.WebApi.Threats;

/// <summary>
/// Turns what the request path observed into threat events for the background writer. Counting happens in
/// memory per address; nothing here touches the database. Descriptions say what was seen, never what was sent.
/// </summary>
public sealed class ThreatDetector
{
    internal const string UnknownAddress = "unknown";

    private readonly ThreatDetectionOptions _options;
    private readonly IRequestLogQueue _queue;
    private readonly TimeProvider _timeProvider;
    private readonly IncidentTracker _rateLimit;
    private readonly IncidentTracker _bruteForce;
    private readonly IncidentTracker _promptInjection;
    private readonly IncidentTracker _scanner;
    private readonly IncidentTracker _oversized;
    private readonly string[] _scannerPaths;

    public ThreatDetector(IOptions<ThreatDetectionOptions> options, IRequestLogQueue queue, TimeProvider timeProvider)
    {
        _options = options.Value;
        _queue = queue;
        _timeProvider = timeProvider;
        _rateLimit = new IncidentTracker(_options.MaxTrackedAddresses);
        _bruteForce = new IncidentTracker(_options.MaxTrackedAddresses);
        _promptInjection = new IncidentTracker(_options.MaxTrackedAddresses);
        _scanner = new IncidentTracker(_options.MaxTrackedAddresses);
        _oversized = new IncidentTracker(_options.MaxTrackedAddresses);
        _scannerPaths = (_options.Scanner.Paths.Count > 0 ? _options.Scanner.Paths.ToArray() : ScannerDetectorOptions.DefaultPaths)
            .Select(p => p.ToLowerInvariant())
            .ToArray();
    }

    /// <summary>Looks at a finished response: 401s (brute force), 404s on scanner paths, 413s (oversized payloads).</summary>
    public void ObserveResponse(string? address, string path, int statusCode)
    {
        switch (statusCode)
        {
            case StatusCodes.Status401Unauthorized when _options.BruteForce.Enabled:
                Sight(_bruteForce, _options.BruteForce, ThreatTypes.BruteForce, address, total => (
                    ThreatSeverity.High,
                    $"Repeated failed authentication (401) from this address: {_options.BruteForce.Threshold} or more within {_options.BruteForce.WindowSeconds} s."));
                break;
            case StatusCodes.Status404NotFound when _options.Scanner.Enabled && ScannerPath(path) is { } fragment:
                Sight(_scanner, _options.Scanner, ThreatTypes.Scanner, address, total => (
                    ThreatSeverity.Low,
                    $"Burst of 404s on paths typical of vulnerability scanners (such as {fragment}): {_options.Scanner.Threshold} or more within {_options.Scanner.WindowSeconds} s."));
                break;
            case StatusCodes.Status413PayloadTooLarge when _options.OversizedPayload.Enabled:
                Sight(_oversized, _options.OversizedPayload, ThreatTypes.OversizedPayload, address, total => (
                    ThreatSeverity.Low,
                    "Request body over the size limit (413)."));
                break;
        }
    }

    /// <summary>The rate limiter turned a request away (429).</summary>
    public void RateLimited(string? address, int? apiKeyId)
    {
        var settings = _options.RateLimit;
        if (!settings.Enabled)
        {
            return;
        }

        var who = apiKeyId is { } id ? $"this address (API key id {id.ToString(CultureInfo.InvariantCulture)})" : "this address";
        Sight(_rateLimit, settings, ThreatTypes.RateLimit, address, total => total > settings.EscalateAfter
            ? (ThreatSeverity.High, $"Rate-limit rejections (429) of {who} continued past {settings.EscalateAfter}.")
            : (ThreatSeverity.Medium, $"Sustained rate-limit rejections (429) of {who}: {settings.Threshold} or more within {settings.WindowSeconds} s."));
    }

    /// <summary>A request body carried injection phrasing; with <paramref name="request"/>, the event leaves with that request's log.</summary>
    public void PromptInjection(string? address, string path, PromptScan scan, RequestThreats? request = null)
    {
        var settings = _options.PromptInjection;
        var route = path.Length <= 64 ? path : path[..64];
        Action<ThreatEvent>? deliver = request is null ? null : request.Add;
        Sight(_promptInjection, settings, ThreatTypes.PromptInjection, address, scan.MatchedText, deliver, total => scan.ProbesSecrets
            ? (ThreatSeverity.Critical, $"Prompt-injection phrasing (\"{scan.Phrase}\") combined with an attempt to read the system prompt or secrets (\"{scan.SecretProbe}\") in a request to {route}.")
            : (ThreatSeverity.Medium, $"Prompt-injection phrasing (\"{scan.Phrase}\") in a request to {route}."));
    }

    private string? ScannerPath(string path)
    {
        var lower = path.ToLowerInvariant();
        return _scannerPaths.FirstOrDefault(p => lower.Contains(p, StringComparison.Ordinal));
    }

    private void Sight(IncidentTracker tracker, DetectorOptions settings, string type, string? address, Func<int, (ThreatSeverity Severity, string Description)> describe) =>
        Sight(tracker, settings, type, address, null, null, describe);

    private void Sight(IncidentTracker tracker, DetectorOptions settings, string type, string? address, string? matchedText, Action<ThreatEvent>? deliver, Func<int, (ThreatSeverity Severity, string Description)> describe)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var ip = string.IsNullOrEmpty(address) ? UnknownAddress : address;
        var sighting = tracker.Record(ip, now, settings.Threshold, settings.Window);
        if (sighting.NewOccurrences == 0)
        {
            return;
        }

        var (severity, description) = describe(sighting.IncidentTotal);
        var threat = new ThreatEvent(type, severity, ip, description, now, sighting.NewOccurrences, settings.Window, matchedText);
        if (deliver is null)
        {
            _queue.TryEnqueue(threat);
        }
        else
        {
            deliver(threat);
        }
    }
}
