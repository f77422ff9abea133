using System.Globalization;

namespace CleanDashboard.Application.Telemetry.Ingestion;

/// <summary>
/// Typed reads of a span's attributes under any of their names (the first present wins). A value of the wrong type is
/// recorded as a problem naming the attribute instead of being guessed at.
/// </summary>
internal sealed class SpanAttributeReader(TelemetrySpan span)
{
    public List<string> Problems { get; } = [];

    public string? Text(string[] names) => Find(names) is var (name, value) ? value switch
    {
        string text when text.Length > 0 => text,
        string => null,
        _ => Problem<string>(name, "must be a string"),
    } : null;

    /// <summary>An id stored and shown as sent: a string of at most <paramref name="maxLength"/> characters and no control character.</summary>
    public string? Identifier(string[] names, int maxLength) => Text(names) switch
    {
        { Length: var length } when length > maxLength => Problem<string>(Find(names)!.Value.Name, $"must be at most {maxLength} characters long"),
        { } id when id.Any(char.IsControl) => Problem<string>(Find(names)!.Value.Name, "must not contain control characters such as NUL, tabs or line breaks"),
        var id => id,
    };

    /// <summary>A count: an integer from 0 to <see cref="int.MaxValue"/>, sent as an int, an integral double or a decimal string.</summary>
    public int? Count(string[] names)
    {
        if (Find(names) is not var (name, value))
        {
            return null;
        }

        long? number = value switch
        {
            long l => l,
            double d when d == Math.Floor(d) && Math.Abs(d) <= long.MaxValue => (long)d,
            string s when long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return number is >= 0 and <= int.MaxValue ? (int)number.Value : Problem<int?>(name, "must be a whole number from 0 to 2147483647");
    }

    /// <summary>A non-negative amount, read without going through binary floating point where the sender gave text.</summary>
    public decimal? Amount(string[] names)
    {
        if (Find(names) is not var (name, value))
        {
            return null;
        }

        decimal? amount = value switch
        {
            long l => l,
            double d when double.IsFinite(d) && Math.Abs(d) < 1e15 => (decimal)d,
            string s when decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return amount >= 0 ? amount : Problem<decimal?>(name, "must be a number of at least 0");
    }

    private (string Name, object Value)? Find(string[] names)
    {
        foreach (var name in names)
        {
            if (span.Attributes.TryGetValue(name, out var value) && value is not null)
            {
                return (name, value);
            }
        }

        return null;
    }

    private T? Problem<T>(string name, string rule)
    {
        Problems.Add($"attribute '{name}' {rule}");
        return default;
    }
}
