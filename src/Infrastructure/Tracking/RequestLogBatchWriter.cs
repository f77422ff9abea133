using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Rollups;
using CleanDashboard.Infrastructure.Tracking.Journal;
using Mapster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// Writes one batch of tracked requests in one transaction: the request logs, their hourly and daily rollups,
/// the users' sessions (extended, or closed and reopened after an idle gap; or the span's conversation), the apps' end users
/// (see <see cref="EndUserDirectory"/>), the daily per-model usage stats, and the threat
/// incidents (a detector's event joins the open incident of its type and address, or opens one), and the keys'
/// last use (at most once a minute per key, see <see cref="ApiKeyUsageThrottle"/>), and the captured bodies — on SQLite
/// their search text is handed to <see cref="CaptureSearchIndexer"/> after the commit (decision 130).
/// </summary>
public sealed class RequestLogBatchWriter(
    DashboardDbContext db,
    TypeAdapterConfig mapping,
    OpenSessionCache sessionCache,
    EndUserDirectory endUsers,
    ApiKeyUsageThrottle keyUsage,
    CaptureSearchTexts searchTexts,
    IOptions<SessionOptions> sessionOptions)
{
    public Task WriteAsync(IReadOnlyList<TrackedRequest> batch, CancellationToken cancellationToken) =>
        WriteAsync(batch, [], cancellationToken);

    public Task WriteAsync(IReadOnlyList<TrackedRequest> batch, IReadOnlyList<ThreatEvent> threats, CancellationToken cancellationToken) =>
        WriteAsync(batch, threats, null, cancellationToken);

    /// <param name="checkpoint">For a batch replayed from the journal: how far the journal is replayed once this batch commits.</param>
    public async Task WriteAsync(IReadOnlyList<TrackedRequest> batch, IReadOnlyList<ThreatEvent> threats, JournalCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        List<UserSession> sessions;
        IReadOnlyList<KeyValuePair<(int, string), int>> newEndUsers;
        var keyUses = keyUsage.Due(batch);
        var captures = new List<CaptureInsert>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            (batch, newEndUsers) = await endUsers.ResolveAsync(db, batch, cancellationToken);
            var rollups = new RollupBatch();
            var linkedThreats = new List<ThreatEvent>(threats);
            await using (var rows = new RowWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction()))
            {
                // On PostgreSQL the whole batch is copied in bulk; when a row is pointed at (its capture, threats, upstream
                // attempts), every row gets its id up front so the copy still follows batch order (decision 128). SQLite
                // too: a row inserted with its id costs less than one returning it (decision 130).
                var ids = batch.Count > 1 && batch.Any(PointedAt) ? await rows.ReserveRequestIdsAsync(batch.Count, cancellationToken) : null;
                for (var i = 0; i < batch.Count; i++)
                {
                    var entry = batch[i];
                    var log = entry.Adapt<RequestLog>(mapping);
                    if (ids is not null)
                    {
                        log.Id = ids[i];
                    }

                    if (entry.FailedAttempts is { Count: > 0 } attempts)
                    {
                        await InsertWithAttemptsAsync(rows, log, attempts, cancellationToken);
                    }
                    else if (log.Id == 0 && PointedAt(entry))
                    {
                        await rows.InsertRequestReturningIdAsync(log, cancellationToken);
                    }
                    else
                    {
                        await rows.AddRequestAsync(log, cancellationToken);
                    }

                    if (entry.Capture is { } capture)
                    {
                        captures.Add(new CaptureInsert(CaptureRow.For(log, capture), capture.SearchText));
                    }

                    foreach (var threat in entry.Threats ?? [])
                    {
                        linkedThreats.Add(threat with { RequestLogId = log.Id });
                    }

                    rollups.AddRequest(log);
                }

                await rows.FlushRequestsAsync(cancellationToken);
                sessions = await UpdateSessionsAsync(batch, rows, rollups, cancellationToken);
            }

            await new CaptureInserter(db.Database.GetDbConnection(), transaction.GetDbTransaction()).InsertAsync(captures, cancellationToken);

            await new RollupWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction()).WriteAsync(rollups, cancellationToken);

            await UpdateUsageStatsAsync(batch, cancellationToken);
            await MergeThreatsAsync(linkedThreats, cancellationToken);
            await SaveCheckpointAsync(checkpoint, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await RecordKeyUsesAsync(keyUses, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        keyUsage.Written(keyUses);
        endUsers.Remember(newEndUsers);
        db.ChangeTracker.Clear();
        if (db.Database.IsSqlite())
        {
            if (captures.Count > 0)
            {
                searchTexts.Add(captures.Select(c => (c.Capture.RequestLogId, c.SearchText)));
            }

            foreach (var session in sessions)
            {
                sessionCache.Store(session);
            }
        }
    }

    private static bool PointedAt(TrackedRequest entry) =>
        entry.Capture is not null || entry.Threats is { Count: > 0 } || entry.FailedAttempts is { Count: > 0 };

    /// <summary>A balanced request that failed over: its request log, then one row per upstream it tried before the one that answered.</summary>
    private static async Task InsertWithAttemptsAsync(RowWriter rows, RequestLog log, IReadOnlyList<FailedUpstreamAttempt> attempts, CancellationToken cancellationToken)
    {
        await (log.Id != 0 ? rows.AddRequestAsync(log, cancellationToken) : rows.InsertRequestReturningIdAsync(log, cancellationToken));
        foreach (var attempt in attempts)
        {
            await rows.InsertUpstreamAttemptAsync(
                new UpstreamAttemptLog
                {
                    RequestLogId = log.Id,
                    CreatedAt = log.CreatedAt,
                    Attempt = attempt.Attempt,
                    Upstream = attempt.Upstream,
                    StatusCode = attempt.StatusCode,
                    Failure = attempt.Failure,
                    LatencyMs = attempt.LatencyMs,
                },
                cancellationToken);
        }
    }

    /// <summary>
    /// Applies the batch to each user's latest session (requests without a conversation) and to the sessions of the
    /// conversations it names; returns the latest idle-gap session of every user touched, for the cache.
    /// </summary>
    private async Task<List<UserSession>> UpdateSessionsAsync(IReadOnlyList<TrackedRequest> batch, RowWriter rows, RollupBatch rollups, CancellationToken cancellationToken)
    {
        var idleTimeout = sessionOptions.Value.IdleTimeout;
        var latest = new List<UserSession>();
        var users = batch.Where(e => e.UserId is not null).GroupBy(e => e.UserId!.Value).ToList();
        var open = await OpenSessionsAsync([.. users.Where(u => u.Any(e => e.ConversationId is null)).Select(u => u.Key)], cancellationToken);
        foreach (var byUser in users)
        {
            foreach (var conversation in byUser.Where(e => e.ConversationId is not null).GroupBy(e => e.ConversationId!, StringComparer.Ordinal))
            {
                await UpdateConversationAsync(byUser.Key, conversation.Key, conversation, rows, rollups, cancellationToken);
            }

            var gapped = byUser.Where(e => e.ConversationId is null).OrderBy(e => e.CreatedAt).ToList();
            if (gapped.Count == 0)
            {
                continue;
            }

            var session = open.GetValueOrDefault(byUser.Key);
            foreach (var entry in gapped)
            {
                if (session is not null && session.HasExpiredAt(entry.CreatedAt, idleTimeout))
                {
                    session.Close();
                    await rows.UpsertSessionAsync(session, cancellationToken);
                    session = null;
                }

                var started = session is null;
                session ??= UserSession.Start(byUser.Key, entry.CreatedAt, entry.IpAddress ?? string.Empty, entry.UserAgent);
                session.Record(entry.CreatedAt, entry.CostUsd, entry.TotalTokens, entry.IpAddress ?? string.Empty, entry.UserAgent);
                rollups.AddSession(session.SessionStart, started ? 1 : 0, 1, entry.CostUsd ?? 0m);
            }

            await rows.UpsertSessionAsync(session!, cancellationToken);
            latest.Add(session!);
        }

        return latest;
    }

    /// <summary>
    /// One conversation's spans join its session whatever the gaps, stretching its start and end. The session rollups count a
    /// session in the bucket it starts in, so the stored session is taken out of its old bucket and put back into its new one.
    /// </summary>
    private async Task UpdateConversationAsync(int userId, string conversationId, IEnumerable<TrackedRequest> entries, RowWriter rows, RollupBatch rollups, CancellationToken cancellationToken)
    {
        var session = await LockConversationAsync(userId, conversationId, cancellationToken);
        if (session is not null)
        {
            rollups.AddSession(session.SessionStart, -1, -session.TotalRequests, -session.TotalCost);
        }

        foreach (var entry in entries.OrderBy(e => e.CreatedAt))
        {
            session ??= UserSession.Start(userId, entry.CreatedAt, entry.IpAddress ?? string.Empty, entry.UserAgent, conversationId);
            session.RecordInConversation(entry.CreatedAt, entry.CostUsd, entry.TotalTokens, entry.IpAddress ?? string.Empty, entry.UserAgent);
        }

        rollups.AddSession(session!.SessionStart, 1, session.TotalRequests, session.TotalCost);
        await rows.UpsertSessionAsync(session, cancellationToken);
    }

    /// <summary>The conversation's session, locked on PostgreSQL until this batch commits (as <see cref="LockUsageStatsAsync"/>; two first inserts collide on the unique index and the losing batch is retried).</summary>
    private async Task<UserSession?> LockConversationAsync(int userId, string conversationId, CancellationToken cancellationToken) =>
        db.Database.IsSqlite()
            ? await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId && s.ConversationId == conversationId, cancellationToken)
            : (await db.UserSessions
                .FromSql($"""SELECT * FROM "user_sessions" WHERE "UserId" = {userId} AND "ConversationId" = {conversationId} FOR UPDATE""")
                .AsNoTracking()
                .ToListAsync(cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Each user's open idle-gap session. SQLite has one writer per file, so the cache of what it last committed is the
    /// truth. On PostgreSQL other instances write too: the sessions are read from the database and locked until this batch
    /// commits, in user order (so two batches cannot wait on each other), and the next instance reads what this one wrote.
    /// Two instances that both find none and start one collide on the unique index of open sessions; the losing batch is
    /// retried and then finds the winner's.
    /// </summary>
    private async Task<Dictionary<int, UserSession>> OpenSessionsAsync(IReadOnlyList<int> userIds, CancellationToken cancellationToken)
    {
        var open = new Dictionary<int, UserSession>(userIds.Count);
        if (userIds.Count == 0)
        {
            return open;
        }

        if (!db.Database.IsSqlite())
        {
            var ids = userIds.Order().ToArray();
            var locked = await db.UserSessions
                .FromSql($"""SELECT * FROM "user_sessions" WHERE "UserId" = ANY({ids}) AND "SessionEnd" IS NULL AND "ConversationId" IS NULL ORDER BY "UserId" FOR UPDATE""")
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            foreach (var session in locked)
            {
                open[session.UserId] = session;
            }

            return open;
        }

        foreach (var userId in userIds)
        {
            if (sessionCache.TryGet(userId, out var cached))
            {
                if (cached.SessionEnd is null)
                {
                    open[userId] = cached;
                }

                continue;
            }

            if (await db.UserSessions.AsNoTracking()
                .Where(s => s.UserId == userId && s.SessionEnd == null && s.ConversationId == null)
                .FirstOrDefaultAsync(cancellationToken) is { } stored)
            {
                open[userId] = stored;
            }
        }

        return open;
    }

    private async Task UpdateUsageStatsAsync(IReadOnlyList<TrackedRequest> batch, CancellationToken cancellationToken)
    {
        var groups = batch
            .Where(e => e.ModelName.Length > 0)
            .GroupBy(e => (Date: DateOnly.FromDateTime(e.CreatedAt), e.ModelName));
        foreach (var group in groups)
        {
            var (date, model) = group.Key;
            var stats = await LockUsageStatsAsync(date, model, cancellationToken);
            if (stats is null)
            {
                stats = new ModelUsageStats { Date = date, ModelName = model };
                db.ModelUsageStats.Add(stats);
            }

            stats.Add(
                group.Count(),
                group.Count(e => e.StatusCode < 400),
                group.Sum(e => (long)(e.TotalTokens ?? 0)),
                group.Sum(e => e.CostUsd ?? 0m),
                group.Sum(e => ModelUsageStats.ToMicroseconds(e.LatencyMs)));
        }
    }

    /// <summary>
    /// The day's row for the model, locked on PostgreSQL until this batch commits, so instances sharing the database
    /// add to it one after another instead of overwriting each other's sums. (The rollup upserts before it already
    /// lock the day's rollup rows; this does not rely on that order. Two first inserts of one row collide on its
    /// unique index; the losing batch is retried and then finds the row.) SQLite has one writer per file.
    /// </summary>
    private async Task<ModelUsageStats?> LockUsageStatsAsync(DateOnly date, string model, CancellationToken cancellationToken) =>
        db.Database.IsSqlite()
            ? await db.ModelUsageStats.FirstOrDefaultAsync(s => s.Date == date && s.ModelName == model, cancellationToken)
            : (await db.ModelUsageStats
                .FromSql($"""SELECT * FROM "model_usage_stats" WHERE "Date" = {date} AND "ModelName" = {model} FOR UPDATE""")
                .ToListAsync(cancellationToken)).FirstOrDefault();

    private async Task SaveCheckpointAsync(JournalCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is null)
        {
            return;
        }

        var stored = await db.Set<JournalCheckpoint>().FindAsync([checkpoint.Generation], cancellationToken);
        if (stored is null)
        {
            db.Add(checkpoint);
        }
        else
        {
            stored.ReplayedRecords = checkpoint.ReplayedRecords;
            stored.UpdatedAt = checkpoint.UpdatedAt;
        }
    }

    /// <summary>LastUsedAt = max(stored, latest use): a batch that arrives late never moves it back.</summary>
    private async Task RecordKeyUsesAsync(IReadOnlyList<ApiKeyUse> uses, CancellationToken cancellationToken)
    {
        foreach (var use in uses)
        {
            await db.ApiKeys
                .Where(k => k.Id == use.ApiKeyId && (k.LastUsedAt == null || k.LastUsedAt < use.UsedAt))
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, use.UsedAt), cancellationToken);
        }
    }

    private async Task MergeThreatsAsync(IReadOnlyList<ThreatEvent> threats, CancellationToken cancellationToken)
    {
        var open = new Dictionary<(string Type, string Ip), ThreatLog>();
        foreach (var threat in threats.OrderBy(t => t.OccurredAt))
        {
            var key = (threat.ThreatType, threat.IpAddress);
            var since = threat.OccurredAt - threat.IncidentWindow;
            if (!open.TryGetValue(key, out var incident) || incident.LastSeenAt < since)
            {
                incident = await db.ThreatLogs
                    .Where(t => t.ThreatType == threat.ThreatType && t.IpAddress == threat.IpAddress && !t.Resolved && t.LastSeenAt >= since)
                    .OrderByDescending(t => t.LastSeenAt)
                    .FirstOrDefaultAsync(cancellationToken);
            }

            if (incident is null)
            {
                incident = new ThreatLog
                {
                    ThreatType = threat.ThreatType,
                    Severity = threat.Severity,
                    IpAddress = threat.IpAddress,
                    Description = threat.Description,
                    CreatedAt = threat.OccurredAt,
                    LastSeenAt = threat.OccurredAt,
                    Occurrences = threat.Occurrences,
                };
                db.ThreatLogs.Add(incident);
            }
            else
            {
                incident.Recur(threat.Occurrences, threat.OccurredAt, threat.Severity, threat.Description);
            }

            incident.LinkRequest(threat.RequestLogId, threat.MatchedText);

            open[key] = incident;
        }
    }
}
