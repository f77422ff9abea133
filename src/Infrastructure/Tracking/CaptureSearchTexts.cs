using System.Collections.Concurrent;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// SQLite: the search text of captures the writer has committed, keyed by request log id, until
/// <see cref="CaptureSearchIndexer"/> puts it in the full-text index. Only a shortcut — the indexer rebuilds any text
/// it does not find here from the stored bodies — so it is bounded (<see cref="MaxChars"/>) and lost with the process.
/// </summary>
public sealed class CaptureSearchTexts : IDisposable
{
    /// <summary>About 64 MiB of UTF-16 text waiting; beyond it the indexer reads the bodies back instead.</summary>
    public const long MaxChars = 32L * 1024 * 1024;

    private readonly ConcurrentDictionary<long, string> _texts = new();
    private readonly SemaphoreSlim _added = new(0, 1);
    private long _chars;

    public int Count => _texts.Count;

    /// <summary>Completes when texts were added since the last wait (or at once, when they were before it).</summary>
    public Task WaitForMoreAsync(CancellationToken cancellationToken) => _added.WaitAsync(cancellationToken);

    /// <summary>Called after the commit that stored the captures; wakes the indexer.</summary>
    public void Add(IEnumerable<(long RequestLogId, string Text)> texts)
    {
        foreach (var (requestLogId, text) in texts)
        {
            if (Interlocked.Read(ref _chars) + text.Length > MaxChars || !_texts.TryAdd(requestLogId, text))
            {
                continue;
            }

            Interlocked.Add(ref _chars, text.Length);
        }

        Signal();
    }

    /// <summary>Wakes the indexer without adding texts: committed captures of which this process kept none (a replay, a start).</summary>
    public void Signal()
    {
        if (_added.CurrentCount == 0)
        {
            try
            {
                _added.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread signalled in between: one wake-up is enough.
            }
        }
    }

    public bool TryTake(long requestLogId, out string text)
    {
        if (!_texts.TryRemove(requestLogId, out text!))
        {
            return false;
        }

        Interlocked.Add(ref _chars, -text.Length);
        return true;
    }

    /// <summary>
    /// Forgets texts of request logs up to <paramref name="requestLogId"/>: the indexer is past them (SQLite numbers request
    /// logs and captures in commit order), so a text that arrived after the indexer read the body back is not kept for ever.
    /// </summary>
    public void ForgetThrough(long requestLogId)
    {
        foreach (var key in _texts.Keys)
        {
            if (key <= requestLogId)
            {
                TryTake(key, out _);
            }
        }
    }

    public void Dispose() => _added.Dispose();
}
