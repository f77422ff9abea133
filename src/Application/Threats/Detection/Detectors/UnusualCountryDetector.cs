using System.Collections.Concurrent;
using System.Globalization;
using CleanDashboard.Domain.Enums;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary>
/// Learns each API key's countries from its first requests (in memory, at most <see cref="UnusualCountryDetectorOptions.MaxTrackedKeys"/>
/// keys), then reports requests of that key from any other country: a leaked key used elsewhere looks like this.
/// </summary>
public sealed class UnusualCountryDetector(IOptions<UnusualCountryDetectorOptions> options) : IThreatDetector
{
    public const string Type = "unusual_country";

    private readonly UnusualCountryDetectorOptions _settings = options.Value;
    private readonly ConcurrentDictionary<int, KeyCountries> _keys = new();

    public string ThreatType => Type;

    public DetectorOptions Settings => _settings;

    public ThreatSighting? Inspect(ThreatSignal signal)
    {
        if (signal is not { Stage: ThreatSignalStage.Response, ApiKeyId: { } keyId } || string.IsNullOrEmpty(signal.Country) || KeyCountriesOf(keyId) is not { } countries)
        {
            return null;
        }

        var known = countries.See(signal.Country, _settings.LearningRequests);
        if (known is null)
        {
            return null;
        }

        var key = keyId.ToString(CultureInfo.InvariantCulture);
        return new ThreatSighting(key + ":" + signal.Country, _ => new ThreatFinding(
            ThreatSeverity.Medium,
            $"API key id {key} used from {signal.Country}; its first {_settings.LearningRequests} requests came from {string.Join(", ", known)}."));
    }

    private KeyCountries? KeyCountriesOf(int keyId)
    {
        if (_keys.TryGetValue(keyId, out var countries))
        {
            return countries;
        }

        return _keys.Count >= _settings.MaxTrackedKeys ? null : _keys.GetOrAdd(keyId, _ => new KeyCountries());
    }

    private sealed class KeyCountries
    {
        private readonly SortedSet<string> _learned = new(StringComparer.Ordinal);
        private int _requests;

        /// <summary>Null while learning or for a learned country; else the learned countries, for the description.</summary>
        public string[]? See(string country, int learningRequests)
        {
            lock (_learned)
            {
                if (_requests < learningRequests)
                {
                    _requests++;
                    _learned.Add(country);
                    return null;
                }

                return _learned.Contains(country) ? null : _learned.ToArray();
            }
        }
    }
}
