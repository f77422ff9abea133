using System.Data.Common;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Tracking.Journal;

/// <summary>
/// Writes the journal's records into the database in the order they were journaled, a batch per transaction, each
/// committed together with its checkpoint, then empties the journal. Records the checkpoint already counts are
/// skipped, so every record is written exactly once even when the process died between a commit and the reset.
/// </summary>
public sealed class JournalReplayer(RequestLogJournal journal, IServiceScopeFactory scopes, IOptions<RequestLogWriterOptions> options, TimeProvider timeProvider)
{
    /// <summary>Replays every pending record; returns how many it wrote. Throws when the database refuses a batch (the journal is then kept).</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        var generation = journal.Generation;
        var replayed = await ReplayedRecordsAsync(generation, cancellationToken);
        var requests = new List<TrackedRequest>();
        var threats = new List<ThreatEvent>();
        var written = 0;
        foreach (var (index, record) in journal.ReadPending(replayed))
        {
            if (record.Request is { } request)
            {
                requests.Add(request);
            }
            else if (record.Threat is { } threat)
            {
                threats.Add(threat);
            }

            if (requests.Count + threats.Count >= options.Value.BatchSize)
            {
                written += await WriteAsync(requests, threats, generation, index + 1, cancellationToken);
            }
        }

        if (requests.Count + threats.Count > 0)
        {
            written += await WriteAsync(requests, threats, generation, journal.PendingRecords, cancellationToken);
        }

        // Given up at shutdown meanwhile: the writer is spilling into the journal now, so it must not be emptied.
        cancellationToken.ThrowIfCancellationRequested();
        journal.Reset();
        await ForgetAsync(generation, cancellationToken);
        return written;
    }

    private async Task<int> WriteAsync(List<TrackedRequest> requests, List<ThreatEvent> threats, Guid generation, long replayedRecords, CancellationToken cancellationToken)
    {
        var checkpoint = new JournalCheckpoint { Generation = generation, ReplayedRecords = replayedRecords, UpdatedAt = timeProvider.GetUtcNow().UtcDateTime };
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestLogBatchWriter>().WriteAsync(requests, threats, checkpoint, cancellationToken);
        var written = requests.Count + threats.Count;
        requests.Clear();
        threats.Clear();
        return written;
    }

    private async Task<long> ReplayedRecordsAsync(Guid generation, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        return await db.Set<JournalCheckpoint>().AsNoTracking()
            .Where(c => c.Generation == generation)
            .Select(c => c.ReplayedRecords)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The generation is gone from the file; its checkpoint row is no longer needed.</summary>
    private async Task ForgetAsync(Guid generation, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DashboardDbContext>().Set<JournalCheckpoint>()
                .Where(c => c.Generation == generation)
                .ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or OperationCanceledException)
        {
            // A leftover row names a generation no journal has any more: harmless.
        }
    }
}
