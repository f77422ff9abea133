using System.Text;
using CleanDashboard.Application.Capture.Redaction;
using CleanDashboard.Domain.Entities;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary>
/// The words around a matched injection phrase, for the operator: the body's text is redacted first with the capture's
/// <see cref="Redactor"/> (so no secret survives, not even cut in half at the excerpt's edge), then cut to at most
/// <see cref="ThreatLog.MatchedTextMaxLength"/> characters centred on the phrase, white space folded.
/// </summary>
public sealed class MatchedTextExcerpt(Redactor redactor)
{
    private const string Ellipsis = "…";

    /// <param name="text">The body's text (its JSON string values).</param>
    /// <param name="foldedPhrase">The phrase as the scanner folded it: lower case, single spaces, padded with one space each side.</param>
    public string Around(string text, string foldedPhrase)
    {
        var redacted = Collapse(redactor.Redact(text, new Dictionary<string, int>()));
        var (start, length) = Locate(redacted, foldedPhrase.Trim());
        if (start < 0)
        {
            return Cut(redacted, 0, redacted.Length);
        }

        var room = ThreatLog.MatchedTextMaxLength - (2 * Ellipsis.Length);
        var before = Math.Max(0, (room - length) / 2);
        var from = Math.Max(0, start - before);
        return Cut(redacted, from, Math.Min(room, redacted.Length - from));
    }

    /// <summary>Where the phrase stands in the text, compared as the scanner compares: letters and digits, case ignored, anything else one gap.</summary>
    private static (int Start, int Length) Locate(string text, string phrase)
    {
        var folded = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsLetterOrDigit(text[i]))
            {
                folded.Append(char.ToLowerInvariant(text[i]));
                origin.Add(i);
            }
            else if (folded.Length > 0 && folded[^1] != ' ')
            {
                folded.Append(' ');
                origin.Add(i);
            }
        }

        var at = folded.ToString().IndexOf(phrase, StringComparison.Ordinal);
        if (at < 0 || phrase.Length == 0)
        {
            return (-1, 0);
        }

        var start = origin[at];
        return (start, origin[at + phrase.Length - 1] + 1 - start);
    }

    private static string Cut(string text, int from, int length)
    {
        length = Math.Min(length, ThreatLog.MatchedTextMaxLength - (2 * Ellipsis.Length));
        var excerpt = text.Substring(from, length).Trim();
        return (from > 0 ? Ellipsis : string.Empty) + excerpt + (from + length < text.Length ? Ellipsis : string.Empty);
    }

    private static string Collapse(string text)
    {
        var collapsed = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c))
            {
                collapsed.Append(c);
            }
            else if (collapsed.Length > 0 && collapsed[^1] != ' ')
            {
                collapsed.Append(' ');
            }
        }

        return collapsed.ToString().Trim();
    }
}
