using System.Diagnostics;
using System.Diagnostics.Metrics;
using CleanDashboard.Application.Common.Caching;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.Telemetry;
using CleanDashboard.Infrastructure.Tracking.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// Takes tracked requests off the queue in batches (up to BatchSize entries or BatchDelayMs after the first)
/// and writes each batch, request logs and threat events together, in one transaction. A failed batch is kept and
/// retried with back-off; when the queue fills up meanwhile, or the host shuts down, the batch and the queue are
/// spilled to the journal, which is replayed in order once the database takes writes again (decision 050).
/// On a healthy shutdown the queue is drained into the database before the process exits. Each commit publishes a new
/// data version before it counts as written, so cached dashboards include it on their next recomputation (decision 080).
/// </summary>
public sealed class RequestLogWriter(
    RequestLogQueue queue,
    RequestLogJournal journal,
    JournalReplayer replayer,
    IServiceScopeFactory scopes,
    OpenSessionCache sessionCache,
    IDataVersionSource dataVersion,
    IOptions<RequestLogWriterOptions> options,
    IOptions<HostOptions> hostOptions,
    ILogger<RequestLogWriter> logger,
    IMeterFactory? meters = null) : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PressureCheckInterval = TimeSpan.FromMilliseconds(50);

    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _giveUp = new();
    private Task? _loop;
    private Task? _stop;
    private TaskCompletionSource _progress = NewProgress();
    private TimeSpan _retryDelay = FirstRetryDelay;
    private bool _databaseAbandoned;
    private long _written;
    private long _settled;
    private long _takenOff;
    private long _reportedDropped;
    private volatile string? _lastError;
    private WriterMetrics? _metrics;

    public long Written => Interlocked.Read(ref _written);

    /// <summary>The writer's loop: completes once it has stopped (faulted if it failed); null before the start.</summary>
    public Task? Completion => _loop;

    /// <summary>Why the last write or replay failed, while the writer is retrying; null when writes succeed.</summary>
    public string? LastError => _lastError;

    /// <summary>
    /// Completes once every entry queued before the call is committed to the database (or lost and counted in
    /// <see cref="RequestLogQueue.Dropped"/>); throws when the writer has stopped or failed before that.
    /// </summary>
    public async Task WaitForDrainAsync(CancellationToken cancellationToken)
    {
        var target = queue.LastSequence;
        while (true)
        {
            var progress = Volatile.Read(ref _progress).Task;
            if (Interlocked.Read(ref _settled) >= target)
            {
                return;
            }

            var running = _loop ?? throw new InvalidOperationException("The request log writer has not been started.");
            if (running.IsCompleted)
            {
                throw new InvalidOperationException(
                    $"The request log writer has {(running.IsFaulted ? "failed" : "stopped")} with entries up to #{target} not written ({journal.PendingRecords} in the journal).",
                    running.Exception);
            }

            await Task.WhenAny(progress, running).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Starts the loop on its own task, which runs even when the host is stopped right away: queued entries are then still spilled.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _metrics ??= meters is null ? null : new WriterMetrics(meters, queue, journal, () => Written);
        _loop ??= Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops once however often it is called: the host may be stopped twice at the same time (a test factory's
    /// dispose while <c>RunAsync</c> in Program stops and then disposes the same host), and every caller waits for the one stop.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopping)
        {
            _stop ??= StopOnceAsync();
        }

        return _stop.WaitAsync(cancellationToken);
    }

    /// <summary>The tokens are disposed only once the loop has ended; a loop still spilling keeps using them.</summary>
    public void Dispose()
    {
        if (_loop is null || _loop.IsCompleted)
        {
            _stopping.Dispose();
            _giveUp.Dispose();
        }
    }

    private async Task StopOnceAsync()
    {
        if (_loop is null)
        {
            return;
        }

        queue.Complete();

        // Half the host's shutdown timeout for the last writes; the rest is for spilling what they could not write.
        _giveUp.CancelAfter(hostOptions.Value.ShutdownTimeout / 2);
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ExecuteAsync(stoppingToken);
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "The request log writer failed; {Count} queued entries are not written", queue.Pending);
            throw;
        }
    }

    private async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        OpenJournal();
        var batch = new PendingBatch();
        while (true)
        {
            if (journal.PendingRecords > 0 || (_databaseAbandoned && stoppingToken.IsCancellationRequested))
            {
                if (!_databaseAbandoned && await TryReplayAsync(stoppingToken))
                {
                    continue;
                }

                if (stoppingToken.IsCancellationRequested)
                {
                    SpillQueue(batch);
                    return;
                }

                await PauseAsync(stoppingToken);
                if (UnderPressure || stoppingToken.IsCancellationRequested)
                {
                    SpillQueue(batch);
                }

                continue;
            }

            if (!await FillAsync(batch, stoppingToken))
            {
                return;
            }

            await WriteOrSpillAsync(batch, stoppingToken);
        }
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Takes up to BatchSize entries, waiting at most BatchDelayMs after the first; false when the queue is completed and empty.</summary>
    private async Task<bool> FillAsync(PendingBatch batch, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var reader = queue.Reader;

        // Runs until the queue is completed and empty; stoppingToken only shortens the batching delay.
        if (!await reader.WaitToReadAsync(CancellationToken.None))
        {
            return false;
        }

        var deadline = Task.Delay(settings.BatchDelayMs, stoppingToken);
        while (batch.Count < settings.BatchSize)
        {
            if (reader.TryRead(out var entry))
            {
                batch.Add(entry);
                continue;
            }

            var more = reader.WaitToReadAsync(CancellationToken.None).AsTask();
            if (await Task.WhenAny(more, deadline) != more || !await more)
            {
                break;
            }
        }

        return true;
    }

    private async Task WriteOrSpillAsync(PendingBatch batch, CancellationToken stoppingToken)
    {
        while (true)
        {
            if (await TryWriteAsync(batch))
            {
                Settle(batch.LastSequence);
                batch.Clear();
                _retryDelay = FirstRetryDelay;
                ReportRefusedEntries();
                return;
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                await PauseAsync(stoppingToken);
            }

            if (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the journal keeps what the database would not take; the next start replays it.
                _databaseAbandoned = true;
                Spill(batch);
                return;
            }

            if (UnderPressure)
            {
                Spill(batch);
                return;
            }
        }
    }

    private async Task<bool> TryWriteAsync(PendingBatch batch)
    {
        try
        {
            // On its own task, as SQLite waits for a lock synchronously: a write stuck on a lock is left behind at the
            // give-up, and its cancelled token stops it before it can commit.
            var requests = batch.Requests.ToList();
            var threats = batch.Threats.ToList();
            var started = Stopwatch.GetTimestamp();
            await Task.Run(() => WriteBatchAsync(requests, threats), CancellationToken.None).WaitAsync(_giveUp.Token);
            _metrics?.RecordBatch(Stopwatch.GetElapsedTime(started));
            Interlocked.Add(ref _written, batch.Requests.Count);
            _lastError = null;
            await dataVersion.PublishAsync(CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            // The cache may now be ahead of what was committed; sessions are read back on the retry.
            sessionCache.Clear();
            _lastError = $"Writing request logs failed ({ex.GetType().Name}); {batch.Count} entries are kept and retried.";
            logger.LogError(ex, "Writing a batch of {Count} request logs failed; retrying in {Delay} ms", batch.Count, _retryDelay.TotalMilliseconds);
            return false;
        }
    }

    private async Task WriteBatchAsync(List<TrackedRequest> requests, List<ThreatEvent> threats)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(requests, threats, _giveUp.Token);
    }

    private async Task<bool> TryReplayAsync(CancellationToken stoppingToken)
    {
        var pending = journal.PendingRecords;
        try
        {
            Interlocked.Add(ref _written, await Task.Run(() => replayer.ReplayAsync(_giveUp.Token), CancellationToken.None).WaitAsync(_giveUp.Token));
            _lastError = null;
            await dataVersion.PublishAsync(CancellationToken.None);
            _retryDelay = FirstRetryDelay;
            Settle(Interlocked.Read(ref _takenOff));
            logger.LogInformation("Replayed {Count} journaled entries from {Path} into the database", pending, journal.Path);
            return true;
        }
        catch (Exception ex)
        {
            sessionCache.Clear();
            _databaseAbandoned = stoppingToken.IsCancellationRequested;
            _lastError = $"Replaying the journal failed ({ex.GetType().Name}); its {pending} entries are kept and retried.";
            logger.LogError(ex, "Replaying {Count} journaled entries failed; retrying in {Delay} ms", pending, _retryDelay.TotalMilliseconds);
            return false;
        }
    }

    /// <summary>Moves everything still queued into the journal, batch by batch, in queue order.</summary>
    private void SpillQueue(PendingBatch batch)
    {
        Spill(batch);
        while (queue.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
            if (batch.Count >= options.Value.BatchSize)
            {
                Spill(batch);
            }
        }

        Spill(batch);
    }

    /// <summary>Appends the batch to the journal; whatever does not fit, or cannot be written, is lost, counted and logged once.</summary>
    private void Spill(PendingBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var records = batch.Entries.Select(e => new JournalRecord(e.Sequence, e.Request, e.Threat)).ToList();
        int appended;
        string? failure = null;
        try
        {
            appended = journal.Append(records);
        }
        catch (IOException ex)
        {
            appended = 0;
            failure = ex.Message;
        }

        var lost = records.Count - appended;
        if (lost > 0)
        {
            queue.CountDropped(lost);
            Interlocked.Add(ref _reportedDropped, lost);
            var reason = failure ?? journal.Problem ?? $"the journal is full ({journal.MaxBytes} bytes)";
            logger.LogError("Lost {Count} request log entries the database could not take: {Reason}. {Total} lost in all", lost, reason, queue.Dropped);
        }

        Interlocked.Exchange(ref _takenOff, batch.LastSequence);
        if (journal.PendingRecords == 0)
        {
            Settle(batch.LastSequence);
        }

        batch.Clear();
    }

    /// <summary>Entries the request path could not queue (queue full) are counted there; they are logged here, once per occurrence.</summary>
    private void ReportRefusedEntries()
    {
        var dropped = queue.Dropped;
        var reported = Interlocked.Read(ref _reportedDropped);
        if (dropped > reported)
        {
            Interlocked.Exchange(ref _reportedDropped, dropped);
            logger.LogError("Lost {Count} request log entries because the queue was full ({Capacity} entries). {Total} lost in all", dropped - reported, queue.Capacity, dropped);
        }
    }

    /// <summary>Waits out the retry delay, cut short by shutdown or by a queue that has to be spilled.</summary>
    private async Task PauseAsync(CancellationToken stoppingToken)
    {
        var until = DateTime.UtcNow + _retryDelay;
        _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
        while (DateTime.UtcNow < until && !stoppingToken.IsCancellationRequested && !UnderPressure)
        {
            var remaining = until - DateTime.UtcNow;
            await Task.Delay(remaining < PressureCheckInterval ? remaining : PressureCheckInterval, stoppingToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Half the queue taken while the database is failing: spill before the request path starts losing entries.</summary>
    private bool UnderPressure => queue.Pending >= Math.Max(1, queue.Capacity / 2);

    private void Settle(long sequence)
    {
        Interlocked.Exchange(ref _takenOff, Math.Max(Interlocked.Read(ref _takenOff), sequence));
        Interlocked.Exchange(ref _settled, sequence);
        Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
    }

    private void OpenJournal()
    {
        var torn = journal.Open();
        if (journal.Problem is { } problem)
        {
            logger.LogWarning("The request log journal cannot be used: {Problem}; entries the database cannot take will be lost and counted", problem);
        }

        if (torn > 0)
        {
            queue.CountDropped(torn);
            Interlocked.Add(ref _reportedDropped, torn);
            logger.LogError("Skipped {Count} torn record at the end of the journal {Path} (the process stopped while writing it); that entry is lost", torn, journal.Path);
        }

        if (journal.PendingRecords > 0)
        {
            logger.LogWarning("The journal {Path} holds {Count} entries the database could not take earlier; replaying them", journal.Path, journal.PendingRecords);
        }
    }

    /// <summary>The entries of one batch, in queue order, and split by kind for the batch writer.</summary>
    private sealed class PendingBatch
    {
        public List<QueuedEntry> Entries { get; } = [];

        public List<TrackedRequest> Requests { get; } = [];

        public List<ThreatEvent> Threats { get; } = [];

        public long LastSequence { get; private set; }

        public int Count => Entries.Count;

        public void Add(QueuedEntry entry)
        {
            Entries.Add(entry);
            if (entry.Request is { } request)
            {
                Requests.Add(request);
            }
            else if (entry.Threat is { } threat)
            {
                Threats.Add(threat);
            }

            LastSequence = entry.Sequence;
        }

        public void Clear()
        {
            Entries.Clear();
            Requests.Clear();
            Threats.Clear();
        }
    }
}
