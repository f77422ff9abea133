using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.TestSupport;

/// <summary>
/// Wraps the app's request-log queue and signals once a number of requests has been handed to the writer, so a test
/// waits for the hand-off itself (which TestServer and the OTLP exporter may complete after the client had its answer).
/// </summary>
public sealed class QueuedRequestSignal(IRequestLogQueue inner) : IRequestLogQueue
{
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _queued;

    /// <summary>Replaces the registered queue with itself wrapped around it (once: a factory deriving from a decorated one may ask again).</summary>
    public static void Decorate(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(QueuedRequestSignal)))
        {
            return;
        }

        var registered = services.Single(d => d.ServiceType == typeof(IRequestLogQueue));
        services.Remove(registered);
        services.AddSingleton(provider => new QueuedRequestSignal(
            (IRequestLogQueue)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)));
        services.AddSingleton<IRequestLogQueue>(provider => provider.GetRequiredService<QueuedRequestSignal>());
    }

    /// <summary>
    /// Waits until the app's queue (decorated with this signal) has accepted <paramref name="count"/> requests in all, at
    /// most <paramref name="wait"/>, then until its writer has committed everything queued; fewer handed over is no
    /// error here — the caller's assertion on what was stored says so.
    /// </summary>
    public static async Task WaitUntilWrittenAsync(IServiceProvider services, int count, TimeSpan wait)
    {
        try
        {
            await ((QueuedRequestSignal)services.GetRequiredService<IRequestLogQueue>()).WaitForAsync(count).WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            // Fewer were handed over than expected.
        }

        await services.GetRequiredService<RequestLogWriter>().WaitForDrainAsync(CancellationToken.None).WaitAsync(wait);
    }

    /// <summary>How many requests the queue has accepted so far.</summary>
    public int Queued
    {
        get
        {
            lock (_waiters)
            {
                return _queued;
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests in all have been accepted by the queue.</summary>
    public Task WaitForAsync(int count)
    {
        lock (_waiters)
        {
            if (_queued >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public bool TryEnqueue(TrackedRequest entry)
    {
        if (!inner.TryEnqueue(entry))
        {
            return false;
        }

        lock (_waiters)
        {
            _queued++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _queued).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return true;
    }

    public bool TryEnqueue(ThreatEvent threat) => inner.TryEnqueue(threat);
}
