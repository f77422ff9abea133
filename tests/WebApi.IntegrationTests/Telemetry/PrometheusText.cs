using System.Globalization;
using System.Text;

namespace CleanDashboard.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4: <c># HELP</c> and <c># TYPE</c> lines and samples
/// <c>name{label="value",…} value [timestamp]</c>. Anything else — a malformed line, a bad escape, a sample whose family
/// has no TYPE, a second TYPE for one family — throws, so the test fails on output a Prometheus server would refuse.
/// </summary>
public sealed class PrometheusText
{
    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    private PrometheusText(Dictionary<string, string> types, List<PrometheusSample> samples)
    {
        Types = types;
        Samples = samples;
    }

    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    public IEnumerable<PrometheusSample> Named(string name) => Samples.Where(s => s.Name == name);

    public static PrometheusText Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<PrometheusSample>();
        var lines = text.Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ');
                if (parts.Length != 2 || !IsMetricName(parts[0]) || parts[1] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped")
                    || !types.TryAdd(parts[0], parts[1]))
                {
                    throw new FormatException($"Line {number}: bad or repeated TYPE: {line}");
                }
            }
            else if (line.StartsWith('#'))
            {
                if (!line.StartsWith("# HELP ", StringComparison.Ordinal) && !line.StartsWith("# ", StringComparison.Ordinal))
                {
                    throw new FormatException($"Line {number}: bad comment: {line}");
                }
            }
            else
            {
                var sample = Sample(line, number);
                if (!types.ContainsKey(sample.Name) && !HistogramSuffixes.Any(suffix => sample.Name.EndsWith(suffix, StringComparison.Ordinal)
                        && types.GetValueOrDefault(sample.Name[..^suffix.Length]) is "histogram" or "summary"))
                {
                    throw new FormatException($"Line {number}: sample of a family with no TYPE: {line}");
                }

                samples.Add(sample);
            }
        }

        return new PrometheusText(types, samples);
    }

    private static PrometheusSample Sample(string line, int number)
    {
        var position = 0;
        while (position < line.Length && IsNameChar(line[position], position == 0))
        {
            position++;
        }

        var name = line[..position];
        if (name.Length == 0)
        {
            throw new FormatException($"Line {number}: no metric name: {line}");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var start = position;
                while (IsNameChar(line[position], position == start) && line[position] != ':')
                {
                    position++;
                }

                var label = line[start..position];
                if (label.Length == 0 || line[position] != '=' || line[position + 1] != '"')
                {
                    throw new FormatException($"Line {number}: bad label at {start}: {line}");
                }

                position += 2;
                var value = new StringBuilder();
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"Line {number}: bad escape at {position}: {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[position]);
                    }

                    position++;
                }

                if (!labels.TryAdd(label, value.ToString()))
                {
                    throw new FormatException($"Line {number}: label {label} repeated: {line}");
                }

                position++;
                if (line[position] == ',')
                {
                    position++;
                }
                else if (line[position] != '}')
                {
                    throw new FormatException($"Line {number}: expected ',' or '}}' at {position}: {line}");
                }
            }

            position++;
        }

        var rest = line[position..].Split(' ', StringSplitOptions.None);
        if (rest.Length is < 2 or > 3 || rest[0].Length != 0)
        {
            throw new FormatException($"Line {number}: expected ' value [timestamp]': {line}");
        }

        var sampleValue = rest[1] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new FormatException($"Line {number}: bad value '{rest[1]}': {line}"),
        };
        if (rest.Length == 3 && !long.TryParse(rest[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"Line {number}: bad timestamp '{rest[2]}': {line}");
        }

        return new PrometheusSample(name, labels, sampleValue);
    }

    private static bool IsMetricName(string name) => name.Length > 0 && name.Select((c, i) => IsNameChar(c, i == 0)).All(ok => ok);

    private static bool IsNameChar(char c, bool first) =>
        char.IsAsciiLetter(c) || c is '_' or ':' || (!first && char.IsAsciiDigit(c));
}

public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? Label(string name) => Labels.GetValueOrDefault(name);
}
