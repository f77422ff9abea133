using System.Collections.Concurrent;

namespace CleanDashboard.Application.Telemetry.Metrics;

/// <summary>
/// Caps the distinct values of one metric label: the first <c>limit</c> values seen are kept, every later one is
/// reported as <see cref="Other"/>, so a flood of made-up model names cannot grow the scrape without bound.
/// </summary>
public sealed class LabelLimiter(int limit)
{
    public const string Other = "other";

    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    public string Limit(string value)
    {
        if (_seen.ContainsKey(value))
        {
            return value;
        }

        // Count then add is not atomic: under a race a few values more than the limit may be kept, never unboundedly many.
        return _seen.Count < limit && _seen.TryAdd(value, 0) ? value : _seen.ContainsKey(value) ? value : Other;
    }
}
