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

    /// <summary>Bin counts, dense from <see cref="_offset"/> (bin indexes of whole microseconds are never negative).</summary>
    private long[] _bins = [];
    private int _offset;
    private long _zeros;

    public long Count { get; private set; }

    public bool IsEmpty => Count == 0;

    /// <summary>The bin of zero and negative values (whole microseconds of one and more have bins 0 and up).</summary>
    private const int ZeroBin = -1;

    public void Add(long microseconds, long count = 1) => AddToBin(BinOf(microseconds), count);

    /// <summary>The bin a value falls in: computed once when one value goes into many sketches (a writer batch's rows).</summary>
    public static int BinOf(long microseconds) =>
        microseconds <= 0 ? ZeroBin : (int)Math.Ceiling(Math.Log(microseconds) / LogGamma);

    /// <summary>Adds <paramref name="count"/> values of the bin <see cref="BinOf"/> gave.</summary>
    public void AddToBin(int bin, long count = 1)
    {
        if (bin == ZeroBin)
        {
            _zeros += count;
        }
        else
        {
            Cover(bin, bin);
            _bins[bin - _offset] += count;
        }

        Count += count;
    }

    public void Merge(LatencySketch other)
    {
        _zeros += other._zeros;
        Count += other.Count;
        var (first, last) = other.Occupied();
        if (first > last)
        {
            return;
        }

        Cover(first, last);
        for (var index = first; index <= last; index++)
        {
            _bins[index - _offset] += other._bins[index - other._offset];
        }
    }

    /// <summary>Adds a serialized sketch (<see cref="ToBytes"/>) without building it first: the read path merges thousands.</summary>
    public void Merge(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var position = 0;
        var zeros = (long)ReadVarint(bytes, ref position);
        _zeros += zeros;
        Count += zeros;
        var bins = (int)ReadVarint(bytes, ref position);
        if (bins == 0)
        {
            return;
        }

        // Indexes ascend: decode once into a rented buffer, grow the bins once for the whole range, then add.
        var decoded = System.Buffers.ArrayPool<long>.Shared.Rent(bins * 2);
        try
        {
            var index = 0;
            for (var i = 0; i < bins; i++)
            {
                index += UnZigZag(ReadVarint(bytes, ref position));
                decoded[2 * i] = index;
                decoded[(2 * i) + 1] = (long)ReadVarint(bytes, ref position);
            }

            Cover((int)decoded[0], index);
            for (var i = 0; i < bins; i++)
            {
                var count = decoded[(2 * i) + 1];
                _bins[(int)decoded[2 * i] - _offset] += count;
                Count += count;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(decoded);
        }
    }

    /// <summary>The number of values a serialized sketch holds, read without building it.</summary>
    public static long CountOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return 0;
        }

        var position = 0;
        var count = (long)ReadVarint(bytes, ref position);
        var bins = (int)ReadVarint(bytes, ref position);
        for (var i = 0; i < bins; i++)
        {
            ReadVarint(bytes, ref position);
            count += (long)ReadVarint(bytes, ref position);
        }

        return count;
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
        for (var i = 0; i < _bins.Length; i++)
        {
            seen += _bins[i];
            if (seen >= rank)
            {
                return 2 * Math.Pow(Gamma, i + _offset) / (Gamma + 1);
            }
        }

        throw new InvalidOperationException("The bins hold fewer values than the count.");
    }

    /// <summary>Varints: the zero count, the number of bins, then each bin as (index delta, count), indexes ascending.</summary>
    public byte[] ToBytes()
    {
        var occupied = 0;
        foreach (var count in _bins)
        {
            occupied += count > 0 ? 1 : 0;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxVarintBytes * (2 + (2 * occupied)));
        try
        {
            var length = 0;
            WriteVarint(buffer, ref length, (ulong)_zeros);
            WriteVarint(buffer, ref length, (ulong)occupied);
            var previous = 0;
            for (var i = 0; i < _bins.Length; i++)
            {
                if (_bins[i] == 0)
                {
                    continue;
                }

                WriteVarint(buffer, ref length, ZigZag(i + _offset - previous));
                WriteVarint(buffer, ref length, (ulong)_bins[i]);
                previous = i + _offset;
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The serialized sketch (<see cref="ToBytes"/>) of two serialized sketches merged, in one pass over both without
    /// building either: the same bytes as <c>FromBytes(a)</c> merged with <paramref name="b"/> and serialized. The
    /// writer merges a batch's sketch into a stored row's this way, once per row and batch.
    /// </summary>
    public static byte[] MergeBytes(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return a.IsEmpty ? b.ToArray() : a.ToArray();
        }

        var (positionA, positionB) = (0, 0);
        var zeros = ReadVarint(a, ref positionA) + ReadVarint(b, ref positionB);
        var (leftA, leftB) = ((int)ReadVarint(a, ref positionA), (int)ReadVarint(b, ref positionB));

        // Merged deltas are no longer than either side's and a sum's varint no longer than both, so this bounds the body.
        var body = System.Buffers.ArrayPool<byte>.Shared.Rent(a.Length + b.Length);
        try
        {
            var length = 0;
            var bins = 0;
            var (indexA, indexB, previous) = (0, 0, 0);
            var (countA, countB) = (0UL, 0UL);
            if (leftA > 0)
            {
                (indexA, countA) = NextBin(a, ref positionA, indexA);
            }

            if (leftB > 0)
            {
                (indexB, countB) = NextBin(b, ref positionB, indexB);
            }

            while (leftA > 0 || leftB > 0)
            {
                int index;
                ulong count;
                if (leftB == 0 || (leftA > 0 && indexA < indexB))
                {
                    (index, count) = (indexA, countA);
                    if (--leftA > 0)
                    {
                        (indexA, countA) = NextBin(a, ref positionA, indexA);
                    }
                }
                else if (leftA == 0 || indexB < indexA)
                {
                    (index, count) = (indexB, countB);
                    if (--leftB > 0)
                    {
                        (indexB, countB) = NextBin(b, ref positionB, indexB);
                    }
                }
                else
                {
                    (index, count) = (indexA, countA + countB);
                    if (--leftA > 0)
                    {
                        (indexA, countA) = NextBin(a, ref positionA, indexA);
                    }

                    if (--leftB > 0)
                    {
                        (indexB, countB) = NextBin(b, ref positionB, indexB);
                    }
                }

                WriteVarint(body, ref length, ZigZag(index - previous));
                WriteVarint(body, ref length, count);
                previous = index;
                bins++;
            }

            Span<byte> header = stackalloc byte[2 * MaxVarintBytes];
            var headerLength = 0;
            WriteVarint(header, ref headerLength, zeros);
            WriteVarint(header, ref headerLength, (ulong)bins);
            var merged = new byte[headerLength + length];
            header[..headerLength].CopyTo(merged);
            body.AsSpan(0, length).CopyTo(merged.AsSpan(headerLength));
            return merged;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static (int Index, ulong Count) NextBin(ReadOnlySpan<byte> bytes, ref int position, int previous)
    {
        var index = previous + UnZigZag(ReadVarint(bytes, ref position));
        return (index, ReadVarint(bytes, ref position));
    }

    public static LatencySketch FromBytes(ReadOnlySpan<byte> bytes)
    {
        var sketch = new LatencySketch();
        sketch.Merge(bytes);
        return sketch;
    }

    /// <summary>Grows the dense bins (to either side, at least doubling) so that [first, last] are inside them.</summary>
    private void Cover(int first, int last)
    {
        if (_bins.Length == 0)
        {
            _offset = first;
            _bins = new long[Math.Max(8, last - first + 1)];
            return;
        }

        var end = _offset + _bins.Length;
        if (first >= _offset && last < end)
        {
            return;
        }

        var newOffset = Math.Min(first, _offset);
        var newEnd = Math.Max(last + 1, end);
        var length = Math.Max(newEnd - newOffset, _bins.Length * 2);
        if (first < _offset)
        {
            newOffset = newEnd - length;
        }

        var grown = new long[length];
        Array.Copy(_bins, 0, grown, _offset - newOffset, _bins.Length);
        (_bins, _offset) = (grown, newOffset);
    }

    /// <summary>The first and last bin index holding a value (first greater than last when none does).</summary>
    private (int First, int Last) Occupied()
    {
        var (first, last) = (0, _bins.Length - 1);
        while (first <= last && _bins[first] == 0)
        {
            first++;
        }

        while (last >= first && _bins[last] == 0)
        {
            last--;
        }

        return (first + _offset, last + _offset);
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

    /// <summary>The longest varint of a 64-bit value.</summary>
    private const int MaxVarintBytes = 10;

    private static void WriteVarint(Span<byte> buffer, ref int length, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[length++] = (byte)value;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        var first = bytes[position++];
        if (first < 0x80)
        {
            return first;
        }

        position--;
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
