using System.Globalization;
using System.Text;

namespace CleanDashboard.Application.Capture.Redaction;

/// <summary>
/// Writes <c>\uXXXX</c> escapes of printable characters as the characters themselves, so a secret a JSON writer escaped
/// (<c>\u002B1 415…</c>, <c>jane\u0040example.com</c>) is seen by the redaction patterns. The JSON stays valid and
/// means the same: quotes, backslashes, control characters and lone surrogates keep their escapes.
/// </summary>
public static class JsonEscapes
{
    public static string UnescapePrintable(string text)
    {
        if (!text.Contains("\\u", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                result.Append(c);
                i++;
                continue;
            }

            if (text[i + 1] != 'u' || !TryHex(text, i + 2, out var code))
            {
                // Another escape (\\, \", \n, …): both characters stay, so an escaped backslash is never read as the start of \u.
                result.Append(c).Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (char.IsHighSurrogate(code) && i + 12 <= text.Length && text[i + 6] == '\\' && text[i + 7] == 'u' && TryHex(text, i + 8, out var low) && char.IsLowSurrogate(low))
            {
                result.Append(code).Append(low);
                i += 12;
            }
            else if (code >= ' ' && code != '"' && code != '\\' && !char.IsSurrogate(code) && code != '\u007f')
            {
                result.Append(code);
                i += 6;
            }
            else
            {
                result.Append(text, i, 6);
                i += 6;
            }
        }

        return result.ToString();
    }

    private static bool TryHex(string text, int start, out char code)
    {
        code = '\0';
        if (start + 4 > text.Length || !ushort.TryParse(text.AsSpan(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        code = (char)value;
        return true;
    }
}
