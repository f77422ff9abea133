using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Application.Capture;

/// <summary>Configuration section <c>Capture</c>: which gateway requests keep their bodies, how much of them, and for how long.</summary>
public sealed class CaptureOptions
{
    public const string Section = "Capture";

    public const string EnabledKey = Section + ":Enabled";

    /// <summary>Off by default: bodies hold what users wrote. <c>--demo</c> switches it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>Model name patterns (<c>*</c> wildcards) whose requests are captured; empty: every model.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Upstream names (<c>demo</c> for the built-in model) whose requests are captured; empty: every upstream.</summary>
    public List<string> Upstreams { get; set; } = [];

    /// <summary>At most this many bytes of the request body, and of the response, are kept; beyond that the capture is marked truncated.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Captured bodies older than this many days are deleted by the retention job; the request logs stay.</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 7;

    /// <summary>The default redactions (e-mail, API keys, bearer tokens, card numbers, phone numbers); switch off only for test data.</summary>
    public bool DefaultRedactions { get; set; } = true;

    /// <summary>More redactions: each match of <see cref="RedactionPatternOptions.Pattern"/> becomes <c>[redacted:Kind]</c>.</summary>
    public List<RedactionPatternOptions> RedactionPatterns { get; set; } = [];

    /// <summary>Whether a request to this model, answered by this upstream, is captured.</summary>
    public bool Covers(string model, string? upstream) =>
        Enabled
        && (Models.Count == 0 || Models.Any(p => Gateway.ModelPattern.Matches(p, model)))
        && (Upstreams.Count == 0 || (upstream is not null && Upstreams.Any(u => string.Equals(u, upstream, StringComparison.OrdinalIgnoreCase))));
}

/// <summary>One configured redaction: a .NET regular expression and the kind its matches are counted under.</summary>
public sealed class RedactionPatternOptions
{
    public string Kind { get; set; } = string.Empty;

    public string Pattern { get; set; } = string.Empty;
}
