using System.Threading.Channels;
using CleanDashboard.Application.Auth;
using CleanDashboard.Application.Tracking;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence;
using CleanDashboard.Infrastructure.Rollups;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanDashboard.Infrastructure.DemoData;

/// <summary>
/// Fills the analytics tables with <see cref="DemoTraffic"/>: one task makes up each day's rows while this one writes
/// the previous day's (prepared statements, one transaction), so both cores work. The rollups are summed as the rows
/// are made up and written with them; the daily model stats are then summed from the daily rollups.
/// </summary>
public sealed class DemoDataGenerator(DashboardDbContext db, TimeProvider timeProvider, UsageStatsRebuilder usageStats, PricingCatalog pricing, RequestLogPartitions partitions)
{
    /// <summary>Generates the data and returns how many rows of each kind were written.</summary>
    public async Task<DemoDataResult> GenerateAsync(DemoDataOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (options.Clear)
        {
            await ClearAsync(cancellationToken);
        }
        else if (await db.RequestLogs.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The database already holds request logs; run with --clear to replace them with demo data.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var callers = await EnsureDemoUsersAsync(options.Users, cancellationToken);
        var firstRequestId = (await db.RequestLogs.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0) + 1;
        var firstSessionId = (await db.UserSessions.MaxAsync(s => (long?)s.Id, cancellationToken) ?? 0) + 1;
        var traffic = new DemoTraffic(new Random(options.Seed), now, options.RequestsPerDay, callers, pricing, firstRequestId, firstSessionId);
        var firstDay = now.Date.AddDays(1 - options.Days);
        await partitions.EnsureAsync(cancellationToken, firstDay); // PostgreSQL: each day's rows are copied straight into their partition

        var days = Channel.CreateBounded<DemoDay>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    for (var day = 0; day < options.Days; day++)
                    {
                        await days.Writer.WriteAsync(traffic.NextDay(firstDay.AddDays(day)), cancellationToken);
                    }

                    await days.Writer.WriteAsync(traffic.Finish(), cancellationToken);
                    days.Writer.Complete();
                }
                catch (Exception ex)
                {
                    days.Writer.Complete(ex);
                }
            },
            cancellationToken);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = new DemoDataResult(0, 0, 0, 0, 0);
            var rollupWriter = new RollupWriter(connection, transaction);
            await using (var writer = new RowWriter(connection, transaction))
            using (var sqliteRequests = connection is SqliteConnection sqlite ? new SqliteRequestInserter(sqlite) : null)
            {
                var written = 0;
                await foreach (var day in days.Reader.ReadAllAsync(cancellationToken))
                {
                    await WriteDayAsync(writer, sqliteRequests, rollupWriter, day, cancellationToken);
                    result = result with
                    {
                        RequestLogs = result.RequestLogs + day.Requests.Count,
                        Sessions = result.Sessions + day.SessionsStarted,
                        Feedback = result.Feedback + day.Feedback.Count,
                    };
                    if (++written <= options.Days)
                    {
                        progress?.Report($"day {written}/{options.Days}: {result.RequestLogs:N0} request logs so far");
                    }
                }

                await producer;
                var threats = traffic.Threats(firstDay, options.Days);
                foreach (var threat in threats)
                {
                    await writer.InsertThreatAsync(threat, cancellationToken);
                }

                result = result with { Threats = threats.Count };
            }

            await transaction.CommitAsync(cancellationToken);
            await ContinueIdentitiesAsync(cancellationToken);
            return result with { UsageStatsRows = await usageStats.RebuildFromRollupsAsync(cancellationToken) };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>PostgreSQL's identity sequences do not see explicit ids: move them past the ids written here.</summary>
    private async Task ContinueIdentitiesAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            SELECT setval(pg_get_serial_sequence('"request_logs"', 'Id'), (SELECT COALESCE(MAX("Id"), 0) + 1 FROM "request_logs"), false);
            SELECT setval(pg_get_serial_sequence('"user_sessions"', 'Id'), (SELECT COALESCE(MAX("Id"), 0) + 1 FROM "user_sessions"), false);
            """,
            cancellationToken);
    }

    private static async Task WriteDayAsync(RowWriter writer, SqliteRequestInserter? sqliteRequests, RollupWriter rollupWriter, DemoDay day, CancellationToken cancellationToken)
    {
        var connection = writer.Connection;
        if (connection is NpgsqlConnection postgres)
        {
            await PostgresBulkCopy.CopyRequestsAsync(postgres, day.Requests, cancellationToken);
        }
        else
        {
            foreach (var log in day.Requests)
            {
                sqliteRequests!.Insert(log);
            }
        }

        foreach (var session in day.Sessions)
        {
            await writer.InsertSessionAsync(session, cancellationToken);
        }

        if (connection is NpgsqlConnection postgresConnection)
        {
            await PostgresBulkCopy.CopyFeedbackAsync(postgresConnection, day.Feedback, cancellationToken);
        }
        else
        {
            foreach (var feedback in day.Feedback)
            {
                await writer.InsertFeedbackAsync(feedback, cancellationToken);
            }
        }

        await rollupWriter.WriteAsync(day.Rollups, cancellationToken);
    }

    private async Task ClearAsync(CancellationToken cancellationToken)
    {
        await db.FeedbackLogs.ExecuteDeleteAsync(cancellationToken);
        await db.UpstreamAttemptLogs.ExecuteDeleteAsync(cancellationToken);
        await db.UserSessions.ExecuteDeleteAsync(cancellationToken);
        await db.ThreatLogs.ExecuteDeleteAsync(cancellationToken);
        await db.RequestCaptures.ExecuteDeleteAsync(cancellationToken);
        await db.ModelUsageStats.ExecuteDeleteAsync(cancellationToken);
        await RollupRebuilder.ClearAsync(db, cancellationToken);
        await db.RequestLogs.ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<List<DemoCaller>> EnsureDemoUsersAsync(int count, CancellationToken cancellationToken)
    {
        var result = new List<DemoCaller>();
        for (var i = 1; i <= count; i++)
        {
            var name = $"demo-user-{i}";
            var user = await db.Users.FirstOrDefaultAsync(u => u.Name == name, cancellationToken);
            if (user is null)
            {
                user = new User { Name = name, Role = UserRole.Member, CreatedAt = timeProvider.GetUtcNow().UtcDateTime };
                db.Users.Add(user);
                await db.SaveChangesAsync(cancellationToken);
            }

            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.UserId == user.Id && k.RevokedAt == null, cancellationToken);
            if (key is null)
            {
                var secret = ApiKeySecret.Generate();
                key = new ApiKey
                {
                    UserId = user.Id,
                    Name = "demo",
                    Prefix = ApiKeySecret.DisplayPrefix(secret),
                    KeyHash = ApiKeySecret.Hash(secret),
                    CreatedAt = user.CreatedAt,
                };
                db.ApiKeys.Add(key);
                await db.SaveChangesAsync(cancellationToken);
            }

            result.Add(new DemoCaller(user.Id, key.Id, $"203.0.113.{10 + i}", DemoTraffic.HomeCountry(i)));
        }

        db.ChangeTracker.Clear();
        return result;
    }
}

public sealed record DemoDataResult(long RequestLogs, long Sessions, long Feedback, long Threats, int UsageStatsRows);
