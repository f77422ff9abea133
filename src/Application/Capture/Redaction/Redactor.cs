using System.Text.RegularExpressions;

namespace CleanDashboard.Application.Capture.Redaction;

/// <summary>Replaces every match of its rules, in order, with <c>[redacted:kind]</c> and counts them per kind.</summary>
public sealed class Redactor(IReadOnlyList<RedactionRule> rules)
{
    public static Redactor From(CaptureOptions options)
    {
        var rules = new List<RedactionRule>();
        if (options.DefaultRedactions)
        {
            rules.AddRange(DefaultRedactionRules.All);
        }

        for (var i = 0; i < options.RedactionPatterns.Count; i++)
        {
            rules.Add(Configured(options.RedactionPatterns[i], $"{CaptureOptions.Section}:{nameof(CaptureOptions.RedactionPatterns)}:{i}"));
        }

        return new Redactor(rules);
    }

    /// <summary>A configured rule; a mistake names the setting, so the service stops at start with a message instead of storing secrets.</summary>
    private static RedactionRule Configured(RedactionPatternOptions pattern, string setting)
    {
        if (string.IsNullOrWhiteSpace(pattern.Kind) || !pattern.Kind.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new InvalidOperationException($"{setting}:Kind must be a name of letters, digits and underscores (it is written into the text as [redacted:Kind]).");
        }

        try
        {
            return new RedactionRule(pattern.Kind, new Regex(pattern.Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1)));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{setting}:Pattern is not a valid regular expression: {ex.Message}", ex);
        }
    }

    /// <summary>The text with every secret replaced; <paramref name="counts"/> gains one per replacement, under its kind.</summary>
    public string Redact(string text, IDictionary<string, int> counts)
    {
        foreach (var rule in rules)
        {
            text = rule.Pattern.Replace(text, match =>
            {
                if (rule.Accepts is { } accepts && !accepts(match.Value))
                {
                    return match.Value;
                }

                counts[rule.Kind] = counts.TryGetValue(rule.Kind, out var seen) ? seen + 1 : 1;
                return rule.Replacement;
            });
        }

        return text;
    }
}
