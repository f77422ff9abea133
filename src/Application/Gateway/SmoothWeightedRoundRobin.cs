namespace CleanDashboard.Application.Gateway;

/// <summary>
/// Nginx's smooth weighted round-robin: over every cycle of <c>sum(weights)</c> picks each index exactly its weight's
/// number of times, interleaved (weights 3 and 1 give 0, 0, 1, 0), deterministically and without a random source.
/// </summary>
public sealed class SmoothWeightedRoundRobin
{
    private readonly int[] _weights;
    private readonly long[] _current;
    private readonly long _total;
    private readonly Lock _lock = new();

    public SmoothWeightedRoundRobin(IReadOnlyList<int> weights)
    {
        if (weights.Count == 0 || weights.Any(w => w <= 0))
        {
            throw new ArgumentException("At least one weight is needed, and every weight must be positive.", nameof(weights));
        }

        _weights = [.. weights];
        _current = new long[weights.Count];
        _total = weights.Sum(w => (long)w);
    }

    /// <summary>The next index: every current weight grows by its weight, the largest (first on a tie) wins and pays the total.</summary>
    public int Next()
    {
        lock (_lock)
        {
            var best = 0;
            for (var i = 0; i < _weights.Length; i++)
            {
                _current[i] += _weights[i];
                if (_current[i] > _current[best])
                {
                    best = i;
                }
            }

            _current[best] -= _total;
            return best;
        }
    }
}
