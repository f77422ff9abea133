using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// Takes tracked requests off the queue in batches (up to BatchSize entries or BatchDelayMs after the first)
/// and writes each batch, request logs and threat events together, in one transaction. A failed batch is kept and retried with back-off, so a database
/// outage delays entries instead of losing them; on shutdown the queue is drained before the process exits.
/// </summary>
public sealed class RequestLogWriter(
    RequestLogQueue queue,
    IServiceScopeFactory scopes,
    OpenSessionCache sessionCache,
    IOptions<RequestLogWriterOptions> options,
    ILogger<RequestLogWriter> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private long _written;
    private volatile string? _lastError;

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Why the last batch failed, while the writer is retrying; null when writes succeed.</summary>
    public string? LastError => _lastError;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var batch = new List<TrackedRequest>(settings.BatchSize);
        var threats = new List<ThreatEvent>();
        var reader = queue.Reader;

        // Runs until the queue is completed and empty; stoppingToken only shortens the batching delay.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var deadline = Task.Delay(settings.BatchDelayMs, stoppingToken);
            while (batch.Count + threats.Count < settings.BatchSize)
            {
                if (reader.TryRead(out var entry))
                {
                    if (entry.Request is { } request)
                    {
                        batch.Add(request);
                    }
                    else if (entry.Threat is { } threat)
                    {
                        threats.Add(threat);
                    }

                    continue;
                }

                var more = reader.WaitToReadAsync(CancellationToken.None).AsTask();
                if (await Task.WhenAny(more, deadline) != more || !await more)
                {
                    break;
                }
            }

            await WriteWithRetryAsync(batch, threats);
            batch.Clear();
            threats.Clear();
        }
    }

    private async Task WriteWithRetryAsync(List<TrackedRequest> batch, List<ThreatEvent> threats)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(batch, threats, CancellationToken.None);
                Interlocked.Add(ref _written, batch.Count);
                _lastError = null;
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cache may now be ahead of what was committed; sessions are read back on the retry.
                sessionCache.Clear();
                _lastError = $"Writing request logs failed ({ex.GetType().Name}); {batch.Count + threats.Count} entries are kept and retried.";
                logger.LogError(ex, "Writing a batch of {Count} request logs failed; retrying in {Delay} ms", batch.Count, delay.TotalMilliseconds);
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }
}
