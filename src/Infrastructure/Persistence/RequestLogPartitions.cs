using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CleanDashboard.Infrastructure.Retention;
using CleanDashboard.Domain.Entities.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// The day partitions of <c>request_logs</c> on PostgreSQL (docs/decisions/129-request-log-partitions.md); on SQLite every
/// method does nothing. <see cref="EnsureAsync"/> creates the partitions of yesterday through <see cref="DaysAhead"/> days
/// ahead, and of every day within retention that has rows in the default partition (a backfill, an instance down for a
/// week), moving those rows in; <see cref="DropExpiredAsync"/> drops the partitions retention has passed, with the rows
/// of other tables that belong to their request logs. Several instances may call both at once: they take turns on an
/// advisory lock.
/// </summary>
public sealed class RequestLogPartitions(DashboardDbContext db, IOptions<RetentionOptions> retention, TimeProvider timeProvider, ILogger<RequestLogPartitions> logger)
{
    public const string Table = "request_logs";

    public const string DefaultPartition = "request_logs_default";

    public const string NamePrefix = "request_logs_";

    /// <summary>Days ahead of today that always have a partition, so a stopped job has a week before rows fall into the default.</summary>
    public const int DaysAhead = 7;

    private const string DayFormat = "yyyyMMdd";

    /// <summary>
    /// How long creating or dropping a partition waits for its lock before giving up until the next run: a DDL lock
    /// waiting behind a long dashboard read would hold up the writer's inserts queued behind it.
    /// </summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Tables whose <c>RequestLogId</c> names a request log; they have no foreign key on PostgreSQL, so their rows go first.</summary>
    private static readonly string[] Dependents = ["feedback_logs", "request_captures", "upstream_attempt_logs"];

    private static readonly long LockKey = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("CleanDashboard.RequestLogPartitions")), 0);

    /// <summary>True on PostgreSQL, where <c>request_logs</c> is partitioned.</summary>
    public bool Apply => db.Database.IsNpgsql();

    /// <summary>The name of one UTC day's partition: <c>request_logs_20240301</c>.</summary>
    public static string NameOf(DateTime day) => NamePrefix + day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The days that have a partition, oldest first (empty on SQLite).</summary>
    public async Task<IReadOnlyList<DateTime>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Apply)
        {
            return [];
        }

        var connection = await OpenAsync(cancellationToken);
        return await ListDaysAsync(connection, null, cancellationToken);
    }

    /// <summary>
    /// Creates the partitions missing from yesterday (or <paramref name="from"/>, a UTC midnight, when earlier: the demo
    /// data's first day) to <see cref="DaysAhead"/> days ahead, and those of stray rows; returns the days created.
    /// </summary>
    public async Task<IReadOnlyList<DateTime>> EnsureAsync(CancellationToken cancellationToken, DateTime? from = null)
    {
        if (!Apply)
        {
            return [];
        }

        var today = RollupMath.DayOf(timeProvider.GetUtcNow().UtcDateTime);
        var oldest = today.AddDays(-retention.Value.RequestLogDays);
        var end = today.AddDays(DaysAhead + 1);
        var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, cancellationToken);
        var existing = (await ListDaysAsync(connection, transaction, cancellationToken)).ToHashSet();
        var first = from is { } earliest && earliest < today.AddDays(-1) ? RollupMath.DayOf(earliest) : today.AddDays(-1);
        var window = Enumerable.Range(0, (int)(end - first).TotalDays).Select(d => first.AddDays(d)).Where(d => !existing.Contains(d)).ToList();

        // Rows of a day without a partition are in the default one; none can arrive while it is locked (reads go on).
        await ExecuteAsync(connection, transaction, $"""LOCK TABLE "{DefaultPartition}" IN EXCLUSIVE MODE""", cancellationToken);
        var strays = await StrayDaysAsync(connection, transaction, oldest, end, cancellationToken);
        var missing = window.Union(strays).Order().ToList();
        foreach (var day in missing)
        {
            await CreateAsync(connection, transaction, day, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (missing.Count > 0)
        {
            logger.LogInformation("Request-log partitions: created {Count}, {First:yyyy-MM-dd} to {Last:yyyy-MM-dd} ({Strays} with rows moved from the default partition)", missing.Count, missing[0], missing[^1], strays.Count);
        }

        return missing;
    }

    /// <summary>
    /// Drops every partition whose whole day is before <paramref name="cutoff"/> (a UTC midnight), deleting first the
    /// feedback, captures and upstream attempts of its request logs and unlinking its threats; returns how many request
    /// logs went. A partition whose lock is not granted in time is left for the next run.
    /// </summary>
    public async Task<long> DropExpiredAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        if (!Apply)
        {
            return 0;
        }

        var connection = await OpenAsync(cancellationToken);
        long dropped = 0;
        foreach (var day in (await ListDaysAsync(connection, null, cancellationToken)).Where(d => d.AddDays(1) <= cutoff))
        {
            var partition = NameOf(day);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LockAsync(connection, transaction, cancellationToken);
            var ids = $"""SELECT "Id" FROM "{partition}" """;
            var rows = Convert.ToInt64(await ScalarAsync(connection, transaction, $"""SELECT count(*) FROM "{partition}" """, cancellationToken), CultureInfo.InvariantCulture);
            foreach (var table in Dependents)
            {
                await ExecuteAsync(connection, transaction, $"""DELETE FROM "{table}" WHERE "RequestLogId" IN ({ids})""", cancellationToken);
            }

            await ExecuteAsync(connection, transaction, $"""UPDATE "threat_logs" SET "RequestLogId" = NULL WHERE "RequestLogId" IN ({ids})""", cancellationToken);
            try
            {
                await ExecuteAsync(connection, transaction, $"""DROP TABLE "{partition}" """, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                logger.LogWarning("Retention: partition {Partition} was not dropped, its table stayed busy for {Timeout}; trying again at the next run", partition, LockTimeout);
                continue;
            }

            await transaction.CommitAsync(cancellationToken);
            dropped += rows;
        }

        return dropped;
    }

    /// <summary>
    /// One day's partition, created detached and attached (which locks the parent less than <c>PARTITION OF</c> would),
    /// with that day's rows moved in from the default partition first. The indexes come with the attach.
    /// </summary>
    private static async Task CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTime day, CancellationToken cancellationToken)
    {
        var name = NameOf(day);
        var (from, to) = (Bound(day), Bound(day.AddDays(1)));
        await ExecuteAsync(connection, transaction, $"""
            CREATE TABLE "{name}" (LIKE "{Table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE);
            WITH moved AS (DELETE FROM "{DefaultPartition}" WHERE "CreatedAt" >= {from} AND "CreatedAt" < {to} RETURNING *)
            INSERT INTO "{name}" SELECT * FROM moved;
            ALTER TABLE "{Table}" ATTACH PARTITION "{name}" FOR VALUES FROM ({from}) TO ({to});
            """, cancellationToken);
    }

    private static string Bound(DateTime day) => "'" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00+00'";

    private static async Task<List<DateTime>> StrayDaysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""SELECT DISTINCT date_trunc('day', "CreatedAt" AT TIME ZONE 'UTC') FROM "{DefaultPartition}" WHERE "CreatedAt" >= @from AND "CreatedAt" < @to""",
            connection,
            transaction);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var days = new List<DateTime>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc));
        }

        return days;
    }

    private static async Task<List<DateTime>> ListDaysAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""SELECT c.relname FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid WHERE i.inhparent = '"{Table}"'::regclass""",
            connection,
            transaction);
        var days = new List<DateTime>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (name.StartsWith(NamePrefix, StringComparison.Ordinal)
                && DateTime.TryParseExact(name[NamePrefix.Length..], DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
            {
                days.Add(day);
            }
        }

        days.Sort();
        return days;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", LockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SET LOCAL lock_timeout = '{(int)LockTimeout.TotalMilliseconds}ms'", cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }
}
