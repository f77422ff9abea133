namespace CleanDashboard.WebApi.Tracking;

/// <summary>
/// Passes every byte straight through to the inner stream (no buffering, flushes pass through) while keeping
/// a copy of the first <c>limit</c> bytes and a rolling window of the last <c>limit</c> bytes.
/// </summary>
internal sealed class CapturingStream(Stream inner, int limit, bool capture) : Stream
{
    private readonly MemoryStream _prefix = new();
    private byte[]? _suffix;
    private int _suffixStart;
    private int _suffixLength;

    public long TotalBytes { get; private set; }

    /// <summary>When the first byte was written, as a Stopwatch timestamp; 0 before.</summary>
    public long FirstByteTimestamp { get; private set; }

    public bool Capturing { get; set; } = capture;

    /// <summary>Runs just before the first byte is recorded: the moment a response's headers, such as its content type, are final.</summary>
    public Action? BeforeFirstByte { get; set; }

    public bool Complete => TotalBytes <= limit;

    public ReadOnlySpan<byte> Prefix => _prefix.GetBuffer().AsSpan(0, (int)_prefix.Length);

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    /// <summary>The last bytes beyond the prefix, in order (empty when everything fit in the prefix).</summary>
    public byte[] Suffix()
    {
        if (_suffix is null || _suffixLength == 0)
        {
            return [];
        }

        var result = new byte[_suffixLength];
        var firstPart = Math.Min(_suffixLength, _suffix.Length - _suffixStart);
        Array.Copy(_suffix, _suffixStart, result, 0, firstPart);
        Array.Copy(_suffix, 0, result, firstPart, _suffixLength - firstPart);
        return result;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Record(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Record(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Record(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Record(buffer.Span[..read]);
        return read;
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Record(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (FirstByteTimestamp == 0)
        {
            FirstByteTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
            BeforeFirstByte?.Invoke();
        }

        TotalBytes += data.Length;
        if (!Capturing)
        {
            return;
        }

        var room = limit - (int)_prefix.Length;
        if (room > 0)
        {
            var head = data[..Math.Min(room, data.Length)];
            _prefix.Write(head);
            data = data[head.Length..];
        }

        if (!data.IsEmpty)
        {
            AppendSuffix(data);
        }
    }

    private void AppendSuffix(ReadOnlySpan<byte> data)
    {
        _suffix ??= new byte[limit];
        if (data.Length >= limit)
        {
            data[^limit..].CopyTo(_suffix);
            _suffixStart = 0;
            _suffixLength = limit;
            return;
        }

        foreach (var b in data)
        {
            var end = (_suffixStart + _suffixLength) % limit;
            _suffix[end] = b;
            if (_suffixLength < limit)
            {
                _suffixLength++;
            }
            else
            {
                _suffixStart = (_suffixStart + 1) % limit;
            }
        }
    }
}
