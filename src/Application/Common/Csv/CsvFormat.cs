using System.Globalization;

namespace CleanDashboard.Application.Common.Csv;

/// <summary>RFC 4180 lines: fields with a comma, quote or line break are quoted, quotes doubled; invariant culture; CRLF.</summary>
public static class CsvFormat
{
    public const string LineEnd = "\r\n";

    public static string Line(IEnumerable<object?> fields) =>
        string.Join(',', fields.Select(f => Escape(Format(f)))) + LineEnd;

    public static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
