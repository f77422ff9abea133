using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary>
/// Finds known injection phrasing in a request body. JSON bodies are searched in their string values (so
/// escapes like \u0069gnore do not hide a phrase); text is compared lower-cased with punctuation and runs of
/// white space folded to one space.
/// </summary>
public sealed class PromptInjectionScanner
{
    internal static readonly string[] DefaultPhrases =
    [
        "ignore previous instructions", "ignore all previous instructions", "ignore the previous instructions", "ignore all prior instructions",
        "ignore your instructions", "ignore the above instructions", "ignore all the above", "disregard previous instructions",
        "disregard all previous instructions", "disregard your instructions", "disregard the above", "forget your instructions",
        "forget all previous instructions", "forget everything above", "you are now dan", "do anything now", "jailbreak mode",
        "developer mode enabled", "enable developer mode", "act as an unrestricted", "pretend you have no restrictions",
        "override your safety", "bypass your safety", "bypass your restrictions",
    ];

    internal static readonly string[] DefaultSecretProbes =
    [
        "system prompt", "initial instructions", "instructions verbatim", "reveal your prompt", "print your prompt", "repeat the text above",
        "api key", "api keys", "secret key", "access token", "password", "environment variables", "env file", "credentials",
    ];

    private readonly string[] _phrases;
    private readonly string[] _secretProbes;
    private readonly MatchedTextExcerpt _excerpt;

    public PromptInjectionScanner(IOptions<PromptInjectionDetectorOptions> options, MatchedTextExcerpt excerpt)
    {
        _excerpt = excerpt;
        var settings = options.Value;
        _phrases = (settings.Phrases.Count > 0 ? settings.Phrases.ToArray() : DefaultPhrases).Select(Fold).Where(p => p.Length > 2).ToArray();
        _secretProbes = (settings.SecretProbes.Count > 0 ? settings.SecretProbes.ToArray() : DefaultSecretProbes).Select(Fold).Where(p => p.Length > 2).ToArray();
    }

    public PromptScan Scan(ReadOnlySpan<byte> body)
    {
        var original = ExtractText(body);
        var text = Fold(original);
        var phrase = _phrases.FirstOrDefault(p => text.Contains(p, StringComparison.Ordinal));
        if (phrase is null)
        {
            return PromptScan.Clean;
        }

        var probe = _secretProbes.FirstOrDefault(p => text.Contains(p, StringComparison.Ordinal));
        return new PromptScan(phrase.Trim(), probe?.Trim(), _excerpt.Around(original, phrase));
    }

    /// <summary>The string values of a JSON body (as far as it is complete), or the body as UTF-8 text.</summary>
    private static string ExtractText(ReadOnlySpan<byte> body)
    {
        var values = new StringBuilder();
        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    values.Append(' ').Append(reader.GetString());
                }
            }

            return values.ToString();
        }
        catch (JsonException)
        {
            return values.Length > 0 ? values.ToString() : Encoding.UTF8.GetString(body);
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(body);
        }
    }

    /// <summary>Lower case, letters and digits only, single spaces, padded so matches fall on word boundaries.</summary>
    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
            else if (folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }

        if (folded[^1] != ' ')
        {
            folded.Append(' ');
        }

        return folded.ToString();
    }
}

/// <summary>The phrase found (null when clean), if any the secret probe found with it, and the redacted text around the phrase.</summary>
public sealed record PromptScan(string? Phrase, string? SecretProbe, string? MatchedText = null)
{
    public static readonly PromptScan Clean = new(null, null);

    public bool IsInjection => Phrase is not null;

    public bool ProbesSecrets => SecretProbe is not null;
}
