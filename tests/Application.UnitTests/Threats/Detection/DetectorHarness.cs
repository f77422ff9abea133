using System.Text;
using CleanDashboard.Application.Threats.Detection;
using CleanDashboard.Application.UnitTests.TestDoubles;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanDashboard.Application.UnitTests.Threats.Detection;

/// <summary>The engine over the given detectors, a recording queue and a fake clock; signals are sent as the web layer sends them.</summary>
internal sealed class DetectorHarness
{
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    public DetectorHarness(params IThreatDetector[] detectors)
        : this(new ThreatDetectionOptions(), detectors)
    {
    }

    public DetectorHarness(ThreatDetectionOptions options, params IThreatDetector[] detectors)
    {
        Engine = new ThreatDetectionEngine(detectors, Options.Create(options), Queue);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public RecordingRequestLogQueue Queue { get; } = new();

    public ThreatDetectionEngine Engine { get; }

    public ThreatRefusal? Response(string address, int status, string path = "/api/admin/users", int? apiKeyId = null, string? country = null) =>
        Engine.Observe(new ThreatSignal(ThreatSignalStage.Response, address, path, status, apiKeyId, country, Time.GetUtcNow()));

    public ThreatRefusal? RateLimited(string address, int? apiKeyId = null) =>
        Engine.Observe(new ThreatSignal(ThreatSignalStage.RateLimited, address, "/api/admin/users", 429, apiKeyId, null, Time.GetUtcNow()));

    public ThreatRefusal? Body(string address, string body, RequestThreats? request = null, string path = "/v1/chat/completions") =>
        Engine.Observe(new ThreatSignal(ThreatSignalStage.RequestBody, address, path, 200, 1, null, Time.GetUtcNow()) { Body = Encoding.UTF8.GetBytes(body) }, request);

    public ThreatRefusal? RefusalFor(string address) => Engine.RefusalFor(address, Time.GetUtcNow());

    public void Repeat(int times, Action sighting)
    {
        for (var i = 0; i < times; i++)
        {
            sighting();
        }
    }
}
