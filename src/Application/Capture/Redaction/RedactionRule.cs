using System.Text.RegularExpressions;

namespace CleanDashboard.Application.Capture.Redaction;

/// <summary>Matches of <see cref="Pattern"/> that <see cref="Accepts"/> are replaced with <c>[redacted:Kind]</c>.</summary>
public sealed record RedactionRule(string Kind, Regex Pattern, Func<string, bool>? Accepts = null)
{
    public string Replacement { get; } = $"[redacted:{Kind}]";
}
