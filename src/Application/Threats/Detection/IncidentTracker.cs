using System.Collections.Concurrent;

namespace CleanDashboard.Application.Threats.Detection;

/// <summary>
/// Sliding windows of sightings per address, in memory and bounded: at most <c>maxKeys</c> addresses are
/// watched; when full, idle ones are swept out and, if none are idle, a new address is not watched.
/// </summary>
internal sealed class IncidentTracker(int maxKeys)
{
    private readonly ConcurrentDictionary<string, Watch> _watches = new(StringComparer.Ordinal);

    public int Count => _watches.Count;

    /// <summary>Counts a sighting; says how many occurrences to report now (0 below the threshold) and the incident's total.</summary>
    public Sighting Record(string key, DateTime now, int threshold, TimeSpan window)
    {
        if (!_watches.TryGetValue(key, out var watch))
        {
            if (_watches.Count >= maxKeys)
            {
                Sweep(now, window);
                if (_watches.Count >= maxKeys)
                {
                    return default;
                }
            }

            watch = _watches.GetOrAdd(key, _ => new Watch());
        }

        lock (watch)
        {
            return watch.Record(now, Math.Max(1, threshold), window);
        }
    }

    /// <summary>Whether the key's incident is still open: its last sighting less than a window ago.</summary>
    public bool IsOpen(string key, DateTime now, TimeSpan window)
    {
        if (!_watches.TryGetValue(key, out var watch))
        {
            return false;
        }

        lock (watch)
        {
            return watch.IsOpen(now, window);
        }
    }

    private void Sweep(DateTime now, TimeSpan window)
    {
        foreach (var (key, watch) in _watches)
        {
            bool idle;
            lock (watch)
            {
                idle = now - watch.LastSeen > window;
            }

            if (idle)
            {
                _watches.TryRemove(key, out _);
            }
        }
    }

    private sealed class Watch
    {
        private readonly Queue<DateTime> _recent = new();
        private bool _incident;
        private int _total;

        public DateTime LastSeen { get; private set; }

        public bool IsOpen(DateTime now, TimeSpan window) => _incident && now - LastSeen <= window;

        public Sighting Record(DateTime now, int threshold, TimeSpan window)
        {
            if (_incident && now - LastSeen > window)
            {
                _incident = false;
                _total = 0;
            }

            LastSeen = now;
            if (_incident)
            {
                _total++;
                return new Sighting(1, _total);
            }

            _recent.Enqueue(now);
            while (now - _recent.Peek() > window)
            {
                _recent.Dequeue();
            }

            if (_recent.Count < threshold)
            {
                return default;
            }

            _incident = true;
            _total = _recent.Count;
            _recent.Clear();
            return new Sighting(_total, _total);
        }
    }
}

/// <summary>What one sighting adds to the incident (0 while below the threshold) and the incident's total so far.</summary>
internal readonly record struct Sighting(int NewOccurrences, int IncidentTotal);
