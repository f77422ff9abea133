namespace CleanDashboard.WebApi.Threats;

/// <summary>Configuration section <c>ThreatDetection</c>: each detector can be switched off and tuned on its own.</summary>
public sealed class ThreatDetectionOptions
{
    public const string Section = "ThreatDetection";

    /// <summary>Per detector, at most this many addresses are watched at once; the in-memory windows never grow past it.</summary>
    public int MaxTrackedAddresses { get; set; } = 10_000;

    public RateLimitDetectorOptions RateLimit { get; set; } = new();

    public DetectorOptions BruteForce { get; set; } = new() { Threshold = 10, WindowSeconds = 300 };

    public PromptInjectionDetectorOptions PromptInjection { get; set; } = new();

    public ScannerDetectorOptions Scanner { get; set; } = new();

    public DetectorOptions OversizedPayload { get; set; } = new() { Threshold = 1, WindowSeconds = 600 };
}

/// <summary>
/// A detector raises an incident when <see cref="Threshold"/> sightings from one address fall within
/// <see cref="WindowSeconds"/>; every later sighting less than a window after the previous one joins that incident.
/// </summary>
public class DetectorOptions
{
    public bool Enabled { get; set; } = true;

    public int Threshold { get; set; } = 1;

    public int WindowSeconds { get; set; } = 600;

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));
}

/// <summary>The rate limiter itself and the incident it raises: 429s are sightings, medium, high past <see cref="EscalateAfter"/>.</summary>
public sealed class RateLimitDetectorOptions : DetectorOptions
{
    public RateLimitDetectorOptions()
    {
        Threshold = 20;
        WindowSeconds = 60;
    }

    /// <summary>Requests per API key in one limiter window.</summary>
    public int PermitsPerKey { get; set; } = 600;

    /// <summary>Requests per client address in one limiter window, with or without a key.</summary>
    public int PermitsPerAddress { get; set; } = 1200;

    public int LimiterWindowSeconds { get; set; } = 60;

    /// <summary>An incident with more rejections than this becomes high severity.</summary>
    public int EscalateAfter { get; set; } = 200;

    /// <summary>Paths the limiter covers (prefixes); unset: <c>/api/</c> and every gateway protocol's prefixes. The health endpoint is never limited.</summary>
    public List<string> Paths { get; set; } = [];
}

/// <summary>Looks for known injection phrasing in request bodies of the gateway routes; can reject them with 400.</summary>
public sealed class PromptInjectionDetectorOptions : DetectorOptions
{
    /// <summary>Answer 400 instead of passing the request on.</summary>
    public bool Block { get; set; }

    /// <summary>How much of a body is read and searched.</summary>
    public int ScanLimitBytes { get; set; } = 64 * 1024;

    /// <summary>Path prefixes whose POST bodies are searched; unset: every gateway protocol's prefixes.</summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>Injection phrasings (replace the built-in list when set).</summary>
    public List<string> Phrases { get; set; } = [];

    /// <summary>Attempts to read the system prompt or secrets; together with an injection phrase the incident is critical.</summary>
    public List<string> SecretProbes { get; set; } = [];
}

/// <summary>Bursts of 404s on paths that only vulnerability scanners ask for.</summary>
public sealed class ScannerDetectorOptions : DetectorOptions
{
    public ScannerDetectorOptions()
    {
        Threshold = 5;
        WindowSeconds = 60;
    }

    /// <summary>Path fragments typical of scanners (replace the built-in list when set).</summary>
    public List<string> Paths { get; set; } = [];

    internal static readonly string[] DefaultPaths =
    [
        "/.env", "/.git", "/.svn", "/.hg", "/.aws", "/.ssh", "/.htaccess", "/.htpasswd", "/.ds_store", "/wp-admin", "/wp-login",
        "/wp-content", "/wp-includes", "/xmlrpc.php", "/phpmyadmin", "/pma/", "/myadmin", "/vendor/phpunit", "/cgi-bin/",
        "/server-status", "/actuator", "/boaform", "/hnap1", "/web.config", "/etc/passwd", "/config.json", "/dump.sql", ".php",
    ];
}
