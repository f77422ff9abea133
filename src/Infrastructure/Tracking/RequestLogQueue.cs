using System.Threading.Channels;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// A bounded channel between the request path and <see cref="RequestLogWriter"/>, carrying tracked requests and
/// threat events alike so both are written by the same writer. Enqueueing never blocks.
/// </summary>
public sealed class RequestLogQueue(IOptions<RequestLogWriterOptions> options) : IRequestLogQueue
{
    private readonly Channel<QueuedEntry> _channel = Channel.CreateBounded<QueuedEntry>(
        new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });

    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public int Pending => _channel.Reader.Count;

    public int Capacity => options.Value.QueueCapacity;

    internal ChannelReader<QueuedEntry> Reader => _channel.Reader;

    public bool TryEnqueue(TrackedRequest entry) => TryWrite(new QueuedEntry(entry, null));

    public bool TryEnqueue(ThreatEvent threat) => TryWrite(new QueuedEntry(null, threat));

    /// <summary>No more entries: the writer drains what is queued and stops.</summary>
    internal void Complete() => _channel.Writer.TryComplete();

    private bool TryWrite(QueuedEntry entry)
    {
        if (_channel.Writer.TryWrite(entry))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }
}

/// <summary>One queued item: a tracked request or a threat event.</summary>
internal readonly record struct QueuedEntry(TrackedRequest? Request, ThreatEvent? Threat);
