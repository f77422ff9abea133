using CleanDashboard.WebApi.Common;

namespace CleanDashboard.WebApi.Threats;

/// <summary>A read-only stream that returns bytes already read from <paramref name="rest"/> first, then the rest of it.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ReadOnlyStream
{
    private int _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefix.Length)
        {
            return CopyPrefix(buffer);
        }

        return rest.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < prefix.Length)
        {
            return ValueTask.FromResult(CopyPrefix(buffer.Span));
        }

        return rest.ReadAsync(buffer, cancellationToken);
    }

    private int CopyPrefix(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, prefix.Length - _position);
        prefix.Span.Slice(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
