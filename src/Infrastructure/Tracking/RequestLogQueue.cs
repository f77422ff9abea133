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

    private readonly Lock _order = new();
    private long _dropped;
    private long _lastSequence;

    /// <summary>Entries lost: refused because the queue was full or closed, or lost by the writer (journal full or unusable).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The sequence number of the last accepted entry; entries are numbered 1, 2, … in queue order.</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public int Pending => _channel.Reader.Count;

    public int Capacity => options.Value.QueueCapacity;

    internal ChannelReader<QueuedEntry> Reader => _channel.Reader;

    public bool TryEnqueue(TrackedRequest entry) => TryWrite(entry, null);

    public bool TryEnqueue(ThreatEvent threat) => TryWrite(null, threat);

    /// <summary>The writer lost entries it had taken off the queue.</summary>
    internal void CountDropped(int count) => Interlocked.Add(ref _dropped, count);

    /// <summary>No more entries: the writer drains what is queued and stops.</summary>
    internal void Complete() => _channel.Writer.TryComplete();

    private bool TryWrite(TrackedRequest? request, ThreatEvent? threat)
    {
        // Numbered under a lock so that sequence order is queue order, which the writer's drain relies on.
        lock (_order)
        {
            var sequence = _lastSequence + 1;
            if (_channel.Writer.TryWrite(new QueuedEntry(request, threat, sequence)))
            {
                Interlocked.Exchange(ref _lastSequence, sequence);
                return true;
            }
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }
}

/// <summary>One queued item: a tracked request or a threat event, with its place in the queue order.</summary>
internal readonly record struct QueuedEntry(TrackedRequest? Request, ThreatEvent? Threat, long Sequence);
