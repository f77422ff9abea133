namespace CleanDashboard.WebApi.Gateway;

/// <summary>
/// Passes an OpenAI event stream through to the client except the usage chunk (<c>"choices":[]</c> with <c>usage</c>)
/// that the gateway asked the upstream for on the client's behalf: that event is handed to <c>withhold</c> for the
/// request log instead. Whole events are found with two vectorized searches per write; nothing is parsed as JSON.
/// An incomplete event waits for the rest of its bytes, which an SSE client could not use before anyway.
/// </summary>
internal sealed class UsageChunkFilterStream(Stream inner, Action<byte[]> withhold) : Stream
{
    private static readonly byte[][] EmptyChoices = ["\"choices\":[]"u8.ToArray(), "\"choices\": []"u8.ToArray()];
    private static readonly byte[][] UsageObject = ["\"usage\":{"u8.ToArray(), "\"usage\": {"u8.ToArray()];
    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ReadOnlyMemory<byte> data = buffer;
        if (_pending.Length > 0)
        {
            _pending.Write(buffer.Span);
            data = _pending.ToArray();
            _pending.SetLength(0);
        }

        var passFrom = 0;
        var position = 0;
        while (EventEnd(data.Span[position..]) is var length and > 0)
        {
            var @event = data.Slice(position, length);
            if (IsUsageChunk(@event.Span))
            {
                if (position > passFrom)
                {
                    await inner.WriteAsync(data[passFrom..position], cancellationToken);
                }

                withhold(@event.ToArray());
                passFrom = position + length;
            }

            position += length;
        }

        if (position > passFrom)
        {
            await inner.WriteAsync(data[passFrom..position], cancellationToken);
        }

        _pending.Write(data.Span[position..]);
    }

    /// <summary>Writes what is left of an unterminated last event.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            _pending.SetLength(0);
        }
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The length of the first whole event (through its blank line, <c>\n\n</c> or <c>\r\n\r\n</c>), or 0.</summary>
    private static int EventEnd(ReadOnlySpan<byte> data)
    {
        var lf = data.IndexOf("\n\n"u8);
        var crlf = data.IndexOf("\n\r\n"u8);
        return (lf, crlf) switch
        {
            (< 0, < 0) => 0,
            (>= 0, < 0) => lf + 2,
            (< 0, >= 0) => crlf + 3,
            _ => lf < crlf ? lf + 2 : crlf + 3,
        };
    }

    private static bool IsUsageChunk(ReadOnlySpan<byte> @event) =>
        (@event.IndexOf(UsageObject[0]) >= 0 || @event.IndexOf(UsageObject[1]) >= 0)
        && (@event.IndexOf(EmptyChoices[0]) >= 0 || @event.IndexOf(EmptyChoices[1]) >= 0);
}
