using System.Data.Common;
using CleanDashboard.Application.Capture;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>
/// SQLite: puts committed captures into the FTS5 index after the background writer, in their own transactions, so the
/// writer's batch does not tokenize (decision 130). Each pass takes the captures past <c>capture_search_progress</c> in id
/// order, with the text the writer handed over (<see cref="CaptureSearchTexts"/>) or, when it has none (a restart, a
/// replay, an overflow), the text rebuilt from the stored redacted bodies, and moves the progress in the same commit: a
/// crash between the writer's commit and the index's loses nothing. Woken by every commit, and every
/// <see cref="Poll"/> besides. PostgreSQL computes its tsvector in the writer's insert and needs none of this.
/// </summary>
public sealed class CaptureSearchIndexer(
    IServiceScopeFactory scopes,
    CaptureSearchTexts texts,
    DatabaseInitializer database,
    TimeProvider timeProvider,
    ILogger<CaptureSearchIndexer> logger) : BackgroundService
{
    /// <summary>Captures per transaction: a pass holds SQLite's write lock for one chunk at a time.</summary>
    public const int ChunkSize = 250;

    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _pass = new(1, 1);
    private TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Why the last pass failed; null once one succeeds.</summary>
    public string? LastError { get; private set; }

    /// <summary>When the last pass finished with nothing left to index; null before the first.</summary>
    public DateTimeOffset? CaughtUpAt { get; private set; }

    /// <summary>Captures indexed since the start, and how many of them were rebuilt from their stored bodies.</summary>
    public long Indexed { get; private set; }

    public long Rebuilt { get; private set; }

    /// <summary>False on PostgreSQL, where the writer's insert fills the index.</summary>
    public bool Applies { get; private set; } = true;

    /// <summary>Completes when the next pass has caught up — one woken by a commit, or the next poll.</summary>
    public Task NextCatchUpAsync() => Volatile.Read(ref _caughtUp).Task;

    /// <summary>Indexes every capture committed before the call; the number indexed. Passes run one at a time.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            if (!db.Database.IsSqlite())
            {
                Applies = false;
                return 0;
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            var total = 0;
            while (await IndexChunkAsync(db, cancellationToken) is var indexed and > 0)
            {
                total += indexed;
            }

            (LastError, CaughtUpAt) = (null, timeProvider.GetUtcNow());
            Interlocked.Exchange(ref _caughtUp, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return total;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LastError = ex.Message;
            throw;
        }
        finally
        {
            _pass.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.Ready.WaitAsync(stoppingToken);

        // One wait outlives the polls it loses to: a second one would leave the first to swallow the next wake-up.
        var woken = texts.WaitForMoreAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(stoppingToken);
                if (!Applies)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Capture search: indexing committed captures failed; trying again in {Poll}", Poll);
            }

            // After a failure only the poll: a retry per commit would log an error per batch.
            var poll = Task.Delay(Poll, timeProvider, stoppingToken);
            await (LastError is null ? Task.WhenAny(woken, poll) : Task.WhenAny(poll));
            if (woken.IsCompleted)
            {
                woken = texts.WaitForMoreAsync(stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    /// <summary>One transaction: the next captures past the progress, their index rows, the progress moved past them.</summary>
    private async Task<int> IndexChunkAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dbTransaction = transaction.GetDbTransaction();
        var pending = new List<(long Id, long RequestLogId)>();
        await using (var command = Command(connection, dbTransaction, $"""
            SELECT c."Id", c."RequestLogId" FROM "request_captures" AS c
            WHERE c."Id" > (SELECT "LastCaptureId" FROM "{CaptureSearchSql.SqliteProgressTable}")
            ORDER BY c."Id" LIMIT {ChunkSize}
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        var rows = new List<object[]>(pending.Count);
        var missing = new List<long>();
        foreach (var (id, requestLogId) in pending)
        {
            if (texts.TryTake(requestLogId, out var text))
            {
                rows.Add([id, text]);
            }
            else
            {
                missing.Add(id);
            }
        }

        rows.AddRange(await RebuildAsync(connection, dbTransaction, missing, cancellationToken));
        var statement = new MultiRowStatement(connection, dbTransaction);
        await statement.ExecuteAsync(rows, values => $"""INSERT INTO "{CaptureSearchSql.SqliteTable}" (rowid, text) {values}""", cancellationToken);
        await using (var command = Command(connection, dbTransaction, $"""UPDATE "{CaptureSearchSql.SqliteProgressTable}" SET "LastCaptureId" = {pending[^1].Id}"""))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        texts.ForgetThrough(pending[^1].RequestLogId);
        Indexed += pending.Count;
        Rebuilt += missing.Count;
        return pending.Count;
    }

    /// <summary>The search text of captures whose text this process does not hold, from their stored redacted bodies.</summary>
    private static async Task<List<object[]>> RebuildAsync(DbConnection connection, DbTransaction transaction, List<long> ids, CancellationToken cancellationToken)
    {
        var rows = new List<object[]>(ids.Count);
        if (ids.Count == 0)
        {
            return rows;
        }

        await using var command = Command(connection, transaction, $"""SELECT "Id", "RequestBody", "ResponseText" FROM "request_captures" WHERE "Id" IN ({string.Join(",", ids)})""");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var request = CaptureCompression.Decompress((byte[])reader.GetValue(1));
            var answer = CaptureCompression.Decompress((byte[])reader.GetValue(2));
            rows.Add([reader.GetInt64(0), SearchText.OfExchange(request, answer)]);
        }

        return rows;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
