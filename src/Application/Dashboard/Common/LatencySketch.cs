namespace CleanDashboard.Application.Dashboard.Common;

/// <summary>
/// A DDSketch-style log-bucket histogram of whole microseconds: bucket i counts the values in (γ^(i−1), γ^i] and reports
/// 2γ^i/(γ+1), within <see cref="RelativeAccuracy"/> of every value in it. 0 has its own bucket and reports 0. Counts are
/// exact, so sketches merge by adding counts, in any order, without loss (docs/decisions/075).
/// </summary>
public sealed class LatencySketch : ILatencyDistribution
{
    /// <summary>Half the contract's 1 %: the other half is for rounding the reported value to the microsecond.</summary>
    public const double RelativeAccuracy = 0.005;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    private readonly Dictionary<int, long> _bins = [];
    private long _zeros;

    public long Count { get; private set; }

    public bool IsEmpty => Count == 0;

    public void Add(long microseconds, long count = 1)
    {
        if (microseconds <= 0)
        {
            _zeros += count;
        }
        else
        {
            var index = (int)Math.Ceiling(Math.Log(microseconds) / LogGamma);
            _bins[index] = _bins.GetValueOrDefault(index) + count;
        }

        Count += count;
    }

    public void Merge(LatencySketch other)
    {
        _zeros += other._zeros;
        foreach (var (index, count) in other._bins)
        {
            _bins[index] = _bins.GetValueOrDefault(index) + count;
        }

        Count += other.Count;
    }

    public double? Percentile(double percent)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = NearestRank.Of(percent, Count);
        if (rank <= _zeros)
        {
            return 0;
        }

        var seen = _zeros;
        foreach (var index in _bins.Keys.Order())
        {
            seen += _bins[index];
            if (seen >= rank)
            {
                return 2 * Math.Pow(Gamma, index) / (Gamma + 1);
            }
        }

        throw new InvalidOperationException("The bins hold fewer values than the count.");
    }

    /// <summary>Varints: the zero count, the number of bins, then each bin as (index delta, count), indexes ascending.</summary>
    public byte[] ToBytes()
    {
        var buffer = new List<byte>(8 + (_bins.Count * 3));
        WriteVarint(buffer, (ulong)_zeros);
        WriteVarint(buffer, (ulong)_bins.Count);
        var previous = 0;
        foreach (var index in _bins.Keys.Order())
        {
            WriteVarint(buffer, ZigZag(index - previous));
            WriteVarint(buffer, (ulong)_bins[index]);
            previous = index;
        }

        return [.. buffer];
    }

    public static LatencySketch FromBytes(ReadOnlySpan<byte> bytes)
    {
        var sketch = new LatencySketch();
        if (bytes.IsEmpty)
        {
            return sketch;
        }

        var position = 0;
        sketch._zeros = (long)ReadVarint(bytes, ref position);
        sketch.Count = sketch._zeros;
        var bins = (int)ReadVarint(bytes, ref position);
        var index = 0;
        for (var i = 0; i < bins; i++)
        {
            index += UnZigZag(ReadVarint(bytes, ref position));
            var count = (long)ReadVarint(bytes, ref position);
            sketch._bins[index] = count;
            sketch.Count += count;
        }

        return sketch;
    }

    public static LatencySketch Of(IEnumerable<long> microseconds)
    {
        var sketch = new LatencySketch();
        foreach (var value in microseconds)
        {
            sketch.Add(value);
        }

        return sketch;
    }

    private static ulong ZigZag(int value) => (ulong)(uint)((value << 1) ^ (value >> 31));

    private static int UnZigZag(ulong value) => (int)((uint)value >> 1) ^ -(int)((uint)value & 1);

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
