using System.IO.Pipelines;
using CleanDashboard.Application.Tracking;

namespace CleanDashboard.WebApi.Tracking;

/// <summary>
/// Passes every byte straight through (no buffering, flushes pass through) while keeping a copy of the first
/// <c>limit</c> bytes and a rolling window of the last <c>limit</c> bytes. With <paramref name="clientOutput"/> (the
/// server's own writer of the response, under the inner stream) asynchronous writes go to that writer, and each write
/// and flush learns whether the client is still there: the server completes that writer when the connection drops,
/// and from then on writes and flushes throw <see cref="ClientGoneException"/> instead of silently discarding what is
/// written (decisions 072 and 131).
/// </summary>
internal sealed class CapturingStream(Stream inner, int limit, bool capture, PipeWriter? clientOutput = null) : Stream
{
    private readonly MemoryStream _prefix = new();
    private byte[]? _suffix;
    private int _suffixStart;
    private int _suffixLength;

    public long TotalBytes { get; private set; }

    /// <summary>When the first byte was written, as a Stopwatch timestamp; 0 before.</summary>
    public long FirstByteTimestamp { get; private set; }

    public bool Capturing { get; set; } = capture;

    /// <summary>Also follows the generated text of a streamed answer, for a token estimate when no usage arrives.</summary>
    public StreamedTextCounter? TextCounter { get; set; }

    /// <summary>Also puts a streamed answer together (text, tool calls) for its capture.</summary>
    public Application.Capture.StreamAnswerAssembler? Assembler { get; set; }

    /// <summary>True once a write or flush found the connection closed by the client.</summary>
    public bool ClientGone { get; private set; }

    /// <summary>
    /// How many of the written bytes the server's writer took while the connection was open (with <c>clientOutput</c>):
    /// read from each write's own result, so a client that reads the answer and closes at once cannot undo it.
    /// </summary>
    public long DeliveredBytes { get; private set; }

    /// <summary>True once a read found the end of the stream (for a request body: the whole body was read).</summary>
    public bool ReadToEnd { get; private set; }

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
        ThrowIfClientGone();
        Record(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfClientGone();
        Record(buffer.Span);
        return clientOutput is null ? inner.WriteAsync(buffer, cancellationToken) : WriteToClientAsync(buffer, cancellationToken);
    }

    /// <summary>Writes through the server's own writer, whose result says whether the connection was still open when it took the bytes.</summary>
    private async ValueTask WriteToClientAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await clientOutput!.WriteAsync(buffer, cancellationToken);
        Settle(result);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Record(buffer[..read]);
        ReadToEnd |= read == 0 && !buffer.IsEmpty;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Record(buffer.Span[..read]);
        ReadToEnd |= read == 0 && !buffer.IsEmpty;
        return read;
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        clientOutput is null ? inner.FlushAsync(cancellationToken) : FlushToClientAsync(cancellationToken);

    /// <summary>Flushes the server's writer; false (and <see cref="ClientGone"/> set) when the client has closed the connection.</summary>
    public async Task<bool> ProbeClientAsync(CancellationToken cancellationToken)
    {
        if (clientOutput is null || ClientGone)
        {
            return !ClientGone;
        }

        Settle(await clientOutput.FlushAsync(cancellationToken));
        return !ClientGone;
    }

    private void Settle(FlushResult result)
    {
        ClientGone |= result.IsCompleted;
        if (!ClientGone)
        {
            DeliveredBytes = TotalBytes;
        }
    }

    private async Task FlushToClientAsync(CancellationToken cancellationToken)
    {
        ThrowIfClientGone();
        await inner.FlushAsync(cancellationToken);
        if (!await ProbeClientAsync(cancellationToken))
        {
            ThrowIfClientGone();
        }
    }

    private void ThrowIfClientGone()
    {
        if (ClientGone)
        {
            throw new ClientGoneException();
        }
    }

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
        TextCounter?.Append(data);
        Assembler?.Append(data);
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

/// <summary>The client closed the connection while the answer was being written: whatever comes next would be discarded.</summary>
internal sealed class ClientGoneException() : IOException("The client closed the connection before the answer was complete.");
