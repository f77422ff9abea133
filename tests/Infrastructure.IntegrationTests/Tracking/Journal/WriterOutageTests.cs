using System.Text.Json;
using CleanDashboard.Application.Health.Common;
using CleanDashboard.Application.Threats.Common;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Tracking.Journal;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanDashboard.Infrastructure.IntegrationTests.Tracking.Journal;

/// <summary>
/// The writer when the database cannot be written (another connection holds its write lock, or PostgreSQL is not
/// there): entries are kept, spilled to the journal at shutdown or when the queue fills, and replayed in order,
/// each exactly once; what cannot be kept is counted, logged once and shown by health.
/// </summary>
public sealed class WriterOutageTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase _database = new();

    private string JournalPath => Path.Combine(_database.Directory, "writer.request-journal");

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void JournalJson_WhenARequestCarriesTokenDetailsAndAnExactCost_ShouldReadBackEqual()
    {
        var request = Request(3);

        var json = JsonSerializer.SerializeToUtf8Bytes(new JournalRecord(9, request, null), JournalJsonContext.Default.JournalRecord);
        var read = JsonSerializer.Deserialize(json, JournalJsonContext.Default.JournalRecord)!;

        read.Request.Should().Be(request);
        (read.Request!.CachedInputTokens, read.Request.CacheCreationTokens, read.Request.ReasoningTokens, read.Request.UsageEstimated, read.Request.CostUsd)
            .Should().Be((80, 5, 7, true, 0.0000456789m));
    }

    [Fact]
    public async Task Stop_WhenDatabaseIsLocked_ShouldJournalEveryEntryAndTheNextStartShouldWriteEachOnceInOrder()
    {
        await using (await DatabaseLock.TakeAsync(_database.Target))
        {
            await using var first = await WriterProcess.StartAsync(Settings());
            for (var i = 0; i < 30; i++)
            {
                first.Queue.TryEnqueue(Request(i)).Should().BeTrue();
            }

            first.Queue.TryEnqueue(Threat(1)).Should().BeTrue();
            first.Queue.TryEnqueue(Threat(2)).Should().BeTrue();
            await first.StopAsync();

            first.Journal.PendingRecords.Should().Be(32);
            first.Queue.Dropped.Should().Be(0);
        }

        (await RequestLogsAsync()).Should().BeEmpty();
        await using var second = await WriterProcess.StartAsync(Settings());
        second.Queue.TryEnqueue(Request(30)).Should().BeTrue();
        await second.DrainAsync();

        var rows = await RequestLogsAsync();
        rows.Select(r => r.CreatedAt).Should().Equal(Enumerable.Range(0, 31).Select(i => Start.AddSeconds(i)), "the journal is replayed before what was queued after it");
        var replayed = rows[0];
        (replayed.Endpoint, replayed.Method, replayed.StatusCode, replayed.LatencyMs, replayed.ModelName).Should().Be(("/v1/chat/completions", "POST", 200, 12.5, "gpt-4o"));
        (replayed.PromptTokens, replayed.CompletionTokens, replayed.TotalTokens, replayed.CostUsd).Should().Be((100, 20, 120, 0.0000456789m));
        (replayed.CachedInputTokens, replayed.CacheCreationTokens, replayed.ReasoningTokens, replayed.UsageEstimated).Should().Be((80, 5, 7, true));
        (replayed.CountryCode, replayed.IpAddress).Should().Be(("DE", "203.0.113.9"));
        var threats = await _database.QueryAsync(db => db.ThreatLogs.AsNoTracking().OrderBy(t => t.IpAddress).ToListAsync());
        threats.Select(t => (t.IpAddress, t.Occurrences, t.CreatedAt)).Should().Equal(("198.51.100.1", 5, Start.AddSeconds(1)), ("198.51.100.2", 5, Start.AddSeconds(2)));
        second.Journal.PendingRecords.Should().Be(0);
        (await _database.QueryAsync(db => db.Set<JournalCheckpoint>().CountAsync())).Should().Be(0);
        (await second.HealthAsync()).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Stop_WhenTheHostIsStoppedTwiceAndDisposedInBetween_ShouldStopOnceAndWriteEveryEntry()
    {
        // WebApplicationFactory stops the host while Program's RunAsync stops it too and then disposes it.
        await using var process = await WriterProcess.StartAsync(Settings());
        for (var i = 0; i < 5; i++)
        {
            process.Queue.TryEnqueue(Request(i)).Should().BeTrue();
        }

        var first = process.Writer.StopAsync(CancellationToken.None);
        process.Writer.Dispose();
        var second = process.Writer.StopAsync(CancellationToken.None);
        await Task.WhenAll(first, second);

        (await RequestLogsAsync()).Select(r => r.CreatedAt).Should().Equal(Enumerable.Range(0, 5).Select(i => Start.AddSeconds(i)));
        process.Journal.PendingRecords.Should().Be(0);
    }

    [Fact]
    public async Task Replay_WhenTheProcessStopsAfterSomeBatchesCommitted_ShouldWriteOnlyTheRestAtTheNextStart()
    {
        var settings = Settings(batchSize: 10);
        await using (await DatabaseLock.TakeAsync(_database.Target))
        {
            await using var first = await WriterProcess.StartAsync(settings);
            for (var i = 0; i < 30; i++)
            {
                first.Queue.TryEnqueue(Request(i, latencyMs: i == 25 ? 999 : 12.5)).Should().BeTrue();
            }

            await first.StopAsync();
            first.Journal.PendingRecords.Should().Be(30);
        }

        // The database refuses the third batch of the replay (entry 25): the first two are committed with their checkpoint.
        await ExecuteSqlAsync(_database.IsPostgres
            ? """
              CREATE FUNCTION refuse_entry() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER refuse_entry BEFORE INSERT ON request_logs FOR EACH ROW WHEN (NEW."LatencyMs" = 999) EXECUTE FUNCTION refuse_entry();
              """
            : """CREATE TRIGGER refuse_entry BEFORE INSERT ON request_logs WHEN NEW."LatencyMs" = 999 BEGIN SELECT RAISE(ABORT, 'refused'); END;""");
        await using (var second = await WriterProcess.StartAsync(settings))
        {
            await EventuallyAsync(async () => (await RequestLogsAsync()).Count == 20 && second.Writer.LastError is not null, "the first two replayed batches commit");
            await second.StopAsync();
            second.Journal.PendingRecords.Should().Be(30, "nothing is removed from the journal before all of it is in the database");
        }

        (await _database.QueryAsync(db => db.Set<JournalCheckpoint>().Select(c => c.ReplayedRecords).SingleAsync())).Should().Be(20);
        await ExecuteSqlAsync(_database.IsPostgres ? "DROP TRIGGER refuse_entry ON request_logs;" : "DROP TRIGGER refuse_entry;");
        await using var third = await WriterProcess.StartAsync(settings);
        third.Queue.TryEnqueue(Request(30)).Should().BeTrue();
        await third.DrainAsync();

        (await RequestLogsAsync()).Select(r => r.CreatedAt).Should().Equal(Enumerable.Range(0, 31).Select(i => Start.AddSeconds(i)), "entries 0-19 are not written twice");
        third.Journal.PendingRecords.Should().Be(0);
    }

    [Fact]
    public async Task Start_WhenTheLastJournalRecordIsTorn_ShouldSkipItCountItAndReplayTheRest()
    {
        await using (await DatabaseLock.TakeAsync(_database.Target))
        {
            await using var first = await WriterProcess.StartAsync(Settings());
            for (var i = 0; i < 5; i++)
            {
                first.Queue.TryEnqueue(Request(i)).Should().BeTrue();
            }

            await first.StopAsync();
            first.Journal.PendingRecords.Should().Be(5);
        }

        // A SIGKILL in the middle of an append: the file ends 10 bytes into the last record's payload.
        var recordBytes = RecordBytes(Request(0), sequence: 1);
        await using (var file = new FileStream(JournalPath, FileMode.Open))
        {
            file.SetLength(RequestLogJournal.HeaderSize + (5 * recordBytes) - 10);
        }

        await using var second = await WriterProcess.StartAsync(Settings());
        second.Queue.TryEnqueue(Request(5)).Should().BeTrue();
        await second.DrainAsync();

        (await RequestLogsAsync()).Select(r => r.CreatedAt).Should().Equal(new[] { 0, 1, 2, 3, 5 }.Select(i => Start.AddSeconds(i)));
        second.Queue.Dropped.Should().Be(1);
        var health = await second.HealthAsync();
        health.Status.Should().Be(HealthStatus.Degraded);
        health.Detail.Should().Contain("dropped 1, journal 0 pending");
        second.Logs.GetSnapshot().Should().ContainSingle(r => r.Message.Contains("Skipped 1 torn record"));
    }

    [Fact]
    public async Task Enqueue_WhenTheQueueFillsWhileTheDatabaseIsLocked_ShouldSpillToTheJournalNotDrop()
    {
        await using var process = await WriterProcess.StartAsync(Settings(queueCapacity: 10));
        await using (await DatabaseLock.TakeAsync(_database.Target))
        {
            // Waves of 4 into a queue of 10 that is spilled once half full: 4 are taken as the failing batch, 8 more spill with them.
            Enqueue(process, 0, 4);
            await EventuallyAsync(() => Task.FromResult(process.Queue.Pending == 0 && process.Writer.LastError is not null), "the first batch is taken and fails");
            Enqueue(process, 4, 8);
            await EventuallyAsync(() => Task.FromResult(process.Journal.PendingRecords == 12), "batch and queue spill at half the capacity");
            Enqueue(process, 12, 8);
            await EventuallyAsync(() => Task.FromResult(process.Journal.PendingRecords == 20), "the queue spills again while the journal waits");

            process.Queue.Dropped.Should().Be(0);
            (await process.HealthAsync()).Detail.Should().Contain("dropped 0, journal 20 pending");
        }

        await process.DrainAsync();
        (await RequestLogsAsync()).Select(r => r.CreatedAt).Should().Equal(Enumerable.Range(0, 20).Select(i => Start.AddSeconds(i)));
        process.Journal.PendingRecords.Should().Be(0);
    }

    [Fact]
    public async Task Spill_WhenTheJournalIsFull_ShouldCountTheRestAsDroppedLogOnceAndShowItInHealth()
    {
        var recordBytes = RecordBytes(Request(0), sequence: 1);
        var maxBytes = RequestLogJournal.HeaderSize + (5 * recordBytes) + 4; // room for 5 records and the end marker
        await using (await DatabaseLock.TakeAsync(_database.Target))
        {
            await using var process = await WriterProcess.StartAsync(Settings(journalMaxBytes: maxBytes));
            for (var i = 0; i < 20; i++)
            {
                process.Queue.TryEnqueue(Request(i)).Should().BeTrue();
            }

            await process.StopAsync();

            process.Journal.PendingRecords.Should().Be(5);
            process.Queue.Dropped.Should().Be(15);
            var health = await process.HealthAsync();
            health.Status.Should().Be(HealthStatus.Degraded);
            health.Detail.Should().Contain($"dropped 15, journal 5 pending ({5 * recordBytes} of {maxBytes} bytes)");
            process.Logs.GetSnapshot().Where(r => r.Message.Contains("Lost ")).Select(r => r.Message).Should().ContainSingle()
                .Which.Should().StartWith("Lost 15 request log entries the database could not take: the journal is full");
        }

        await using var next = await WriterProcess.StartAsync(Settings(journalMaxBytes: maxBytes));
        next.Queue.TryEnqueue(Request(20)).Should().BeTrue();
        await next.DrainAsync();
        (await RequestLogsAsync()).Select(r => r.CreatedAt).Should().Equal(new[] { 0, 1, 2, 3, 4, 20 }.Select(i => Start.AddSeconds(i)));
    }

    [Fact]
    public async Task Stop_WhenTheJournalCannotBeCreated_ShouldCountEveryUnwrittenEntryAsDroppedAndLogOnce()
    {
        var blocker = Path.Combine(_database.Directory, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file where the journal's folder should be");
        var settings = Settings();
        settings["RequestLogWriter:JournalPath"] = Path.Combine(blocker, "writer.request-journal");
        await using (await DatabaseLock.TakeAsync(_database.Target))
        {
            await using var process = await WriterProcess.StartAsync(settings);
            Enqueue(process, 0, 3);
            await process.StopAsync();

            process.Queue.Dropped.Should().Be(3);
            var health = await process.HealthAsync();
            health.Status.Should().Be(HealthStatus.Degraded);
            health.Detail.Should().Contain("dropped 3, journal unavailable: the journal ");
            process.Logs.GetSnapshot().Where(r => r.Message.StartsWith("Lost ", StringComparison.Ordinal)).Select(r => r.Message).Should().ContainSingle()
                .Which.Should().StartWith("Lost 3 request log entries the database could not take: the journal ");
        }
    }

    [Fact]
    public async Task Start_WhenTheJournalPathHoldsAnotherFile_ShouldLeaveItAloneAndReportTheJournalUnavailable()
    {
        await File.WriteAllTextAsync(JournalPath, "somebody else's data");

        await using var process = await WriterProcess.StartAsync(Settings());
        process.Queue.TryEnqueue(Request(0)).Should().BeTrue();
        await process.DrainAsync();

        (await File.ReadAllTextAsync(JournalPath)).Should().Be("somebody else's data");
        var health = await process.HealthAsync();
        health.Status.Should().Be(HealthStatus.Degraded);
        health.Detail.Should().EndWith("cannot be used: it is not a request log journal (its header does not match)");
        (await RequestLogsAsync()).Should().ContainSingle("the database itself is fine");
    }

    [Fact]
    public async Task Stop_WhenAWriteHangsOnTheLock_ShouldGiveUpWithinTheShutdownTimeoutAndJournalTheBatch()
    {
        // No short lock wait here: the write would wait 30 s, longer than the host's 4 s shutdown timeout.
        await using (await DatabaseLock.TakeAsync(_database.Target))
        {
            await using var process = await WriterProcess.StartAsync(Settings(lockWait: false), shutdownTimeout: TimeSpan.FromSeconds(4));
            Enqueue(process, 0, 3);
            await EventuallyAsync(() => Task.FromResult(process.Queue.Pending == 0), "the writer takes the batch");

            await process.StopAsync();

            process.Journal.PendingRecords.Should().Be(3);
            process.Writer.Completion!.IsCompleted.Should().BeTrue();
        }
    }

    [Fact]
    public async Task Stop_WhenPostgresIsUnreachable_ShouldJournalAndTheNextStartShouldReplay()
    {
        Assert.SkipUnless(_database.IsPostgres, "PostgreSQL on a closed port; the SQLite case is the locked file.");
        var unreachable = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Port = 5229, Timeout = 2 }.ConnectionString;
        await using (var first = await WriterProcess.StartAsync(Settings(connectionString: unreachable)))
        {
            Enqueue(first, 0, 10);
            await first.StopAsync();
            first.Journal.PendingRecords.Should().Be(10);
        }

        await using var second = await WriterProcess.StartAsync(Settings());
        second.Queue.TryEnqueue(Request(10)).Should().BeTrue();
        await second.DrainAsync();
        (await RequestLogsAsync()).Select(r => r.CreatedAt).Should().Equal(Enumerable.Range(0, 11).Select(i => Start.AddSeconds(i)));
    }

    [Fact]
    public async Task WaitForDrain_WhenEntriesAreQueued_ShouldReturnOnceTheyAreCommitted()
    {
        await using var process = await WriterProcess.StartAsync(Settings());
        Enqueue(process, 0, 3);
        process.Queue.TryEnqueue(Threat(7)).Should().BeTrue();

        await process.DrainAsync();

        (await RequestLogsAsync()).Should().HaveCount(3);
        (await _database.QueryAsync(db => db.ThreatLogs.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task WaitForDrain_WhileTheDatabaseIsLocked_ShouldNotComplete()
    {
        await using var process = await WriterProcess.StartAsync(Settings());
        await using var locked = await DatabaseLock.TakeAsync(_database.Target);
        Enqueue(process, 0, 1);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var drain = () => process.Writer.WaitForDrainAsync(patience.Token);

        await drain.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task WaitForDrain_WhenTheWriterStoppedWithEntriesUnwritten_ShouldThrow()
    {
        await using var process = await WriterProcess.StartAsync(Settings());
        await using (await DatabaseLock.TakeAsync(_database.Target))
        {
            Enqueue(process, 0, 2);
            await process.StopAsync();
        }

        var drain = process.DrainAsync;

        (await drain.Should().ThrowAsync<InvalidOperationException>()).WithMessage("The request log writer has stopped with entries up to #2 not written (2 in the journal).");
    }

    private static TrackedRequest Request(int i, double latencyMs = 12.5) => new()
    {
        CreatedAt = Start.AddSeconds(i),
        Endpoint = "/v1/chat/completions",
        Method = "POST",
        StatusCode = 200,
        LatencyMs = latencyMs,
        ModelName = "gpt-4o",
        PromptTokens = 100,
        CompletionTokens = 20,
        TotalTokens = 120,
        CachedInputTokens = 80,
        CacheCreationTokens = 5,
        ReasoningTokens = 7,
        UsageEstimated = true,
        CostUsd = 0.0000456789m,
        CountryCode = "DE",
        IpAddress = "203.0.113.9",
        UserAgent = "tests",
    };

    private static ThreatEvent Threat(int i) =>
        new("brute_force", ThreatSeverity.High, $"198.51.100.{i}", "Five failed keys", Start.AddSeconds(i), 5, TimeSpan.FromMinutes(10));

    /// <summary>One record's bytes in the journal: its 8-byte header and its JSON.</summary>
    private static int RecordBytes(TrackedRequest request, long sequence) =>
        8 + JsonSerializer.SerializeToUtf8Bytes(new JournalRecord(sequence, request, null), JournalJsonContext.Default.JournalRecord).Length;

    private static void Enqueue(WriterProcess process, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            process.Queue.TryEnqueue(Request(i)).Should().BeTrue();
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "expected within 30 s: {0}", what);
            await Task.Delay(20);
        }
    }

    /// <summary>The test's database with a short lock wait (so a locked write fails in about a second), the journal in the test's folder.</summary>
    private Dictionary<string, string?> Settings(int queueCapacity = 100_000, int batchSize = 1_000, long journalMaxBytes = 1 << 20, string? connectionString = null, bool lockWait = true)
    {
        var lockWaitSetting = !lockWait ? string.Empty : _database.IsPostgres ? ";Options=-c lock_timeout=500" : ";Default Timeout=1";
        return new Dictionary<string, string?>(_database.Target.Settings)
        {
            [DatabaseProviders.ConnectionStringSetting] = (connectionString ?? _database.ConnectionString) + lockWaitSetting,
            ["RequestLogWriter:BatchDelayMs"] = "20",
            ["RequestLogWriter:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RequestLogWriter:QueueCapacity"] = queueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RequestLogWriter:JournalPath"] = JournalPath,
            ["RequestLogWriter:JournalMaxBytes"] = journalMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private Task<List<Domain.Entities.RequestLog>> RequestLogsAsync() =>
        _database.QueryAsync(db => db.RequestLogs.AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = _database.Target.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
