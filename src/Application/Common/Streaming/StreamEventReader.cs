using System.Buffers;

namespace CleanDashboard.Application.Common.Streaming;

/// <summary>
/// Cuts a streamed answer (server-sent events or NDJSON), as its bytes arrive, into the JSON objects its lines hold:
/// the <c>data:</c> prefix removed, other lines passed over, and a line longer than <paramref name="maxEventBytes"/>
/// skipped whole, so memory stays bounded whatever the upstream sends.
/// </summary>
public sealed class StreamEventReader(int maxEventBytes)
{
    private readonly ArrayBufferWriter<byte> _line = new();
    private bool _skippingLongLine;

    /// <summary>True once a line was too long and skipped.</summary>
    public bool SkippedLongLine { get; private set; }

    public void Append(ReadOnlySpan<byte> data, Action<ReadOnlySpan<byte>> onEvent)
    {
        while (!data.IsEmpty)
        {
            var end = data.IndexOf((byte)'\n');
            var part = end < 0 ? data : data[..end];
            if (!_skippingLongLine && _line.WrittenCount + part.Length > maxEventBytes)
            {
                _skippingLongLine = true;
                SkippedLongLine = true;
                _line.ResetWrittenCount();
            }

            if (!_skippingLongLine)
            {
                _line.Write(part);
            }

            if (end < 0)
            {
                return;
            }

            if (!_skippingLongLine)
            {
                Emit(_line.WrittenSpan, onEvent);
            }

            _line.ResetWrittenCount();
            _skippingLongLine = false;
            data = data[(end + 1)..];
        }
    }

    /// <summary>A last line the stream did not end with a line break.</summary>
    public void Finish(Action<ReadOnlySpan<byte>> onEvent)
    {
        if (_line.WrittenCount > 0 && !_skippingLongLine)
        {
            Emit(_line.WrittenSpan, onEvent);
        }

        _line.ResetWrittenCount();
    }

    private static void Emit(ReadOnlySpan<byte> line, Action<ReadOnlySpan<byte>> onEvent)
    {
        line = line.TrimEnd((byte)'\r').Trim((byte)' ');
        if (line.StartsWith("data:"u8))
        {
            line = line[5..].TrimStart((byte)' ');
        }

        if (!line.IsEmpty && line[0] == (byte)'{')
        {
            onEvent(line);
        }
    }
}
