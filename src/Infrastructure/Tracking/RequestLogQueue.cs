using System.Threading.Channels;
using CleanDashboard.Application.Tracking;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>A bounded channel between the request path and <see cref="RequestLogWriter"/>. Enqueueing never blocks.</summary>
public sealed class RequestLogQueue(IOptions<RequestLogWriterOptions> options) : IRequestLogQueue
{
    private readonly Channel<TrackedRequest> _channel = Channel.CreateBounded<TrackedRequest>(
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

    internal ChannelReader<TrackedRequest> Reader => _channel.Reader;

    public bool TryEnqueue(TrackedRequest entry)
    {
        if (_channel.Writer.TryWrite(entry))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>No more entries: the writer drains what is queued and stops.</summary>
    internal void Complete() => _channel.Writer.TryComplete();
}
