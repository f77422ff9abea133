using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// A database of the version before ExactMoney, upgraded in place: rollup costs held in 1/10,000 USD become whole 1e-10 USD,
/// the request logs gain their token-detail columns, and every money column then keeps 10 decimals.
/// </summary>
public sealed class ExactMoneyMigrationTests : IAsyncLifetime
{
    private readonly DatabaseBeforeMigration _db = new("_ExactMoney");

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Migrate_WhenRollupsHoldTenThousandths_ShouldScaleThemToTenBillionthsExactly()
    {
        await _db.ExecuteAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "request_rollups_hourly" ("BucketStart", "Dimension", "Key", "Requests", "Errors", "LatencyUs", "Tokens", "RowsWithTokens", "CostTenThousandths", "RowsWithCost")
                VALUES ('2024-03-01 10:00:00', 0, '', 3, 0, 300, 30, 3, 12345, 3);
                INSERT INTO "request_rollups_daily" ("BucketStart", "Dimension", "Key", "Requests", "Errors", "LatencyUs", "Tokens", "RowsWithTokens", "CostTenThousandths", "RowsWithCost")
                VALUES ('2024-03-01 00:00:00', 1, 'gpt-4o', 3, 0, 300, 30, 3, 922337203685, 3);
                INSERT INTO "session_rollups_hourly" ("BucketStart", "Sessions", "Requests", "CostTenThousandths") VALUES ('2024-03-01 10:00:00', 1, 3, 7);
                INSERT INTO "session_rollups_daily" ("BucketStart", "Sessions", "Requests", "CostTenThousandths") VALUES ('2024-03-01 00:00:00', 1, 3, 0);
                """.Replace("'2024-03-01 10:00:00'", Timestamp(db, "2024-03-01 10:00:00")).Replace("'2024-03-01 00:00:00'", Timestamp(db, "2024-03-01 00:00:00")));
        });

        await _db.ExecuteAsync(db => db.Database.MigrateAsync());

        (await _db.SqlColumnAsync("""SELECT "CostUnits" FROM "request_rollups_hourly" """)).Should().Equal(12_345_000_000L);    // $1.2345
        (await _db.SqlColumnAsync("""SELECT "CostUnits" FROM "request_rollups_daily" """)).Should().Equal(922_337_203_685_000_000L); // $92,233,720.3685
        (await _db.SqlColumnAsync("""SELECT "CostUnits" FROM "session_rollups_hourly" """)).Should().Equal(7_000_000L);
        (await _db.SqlColumnAsync("""SELECT "CostUnits" FROM "session_rollups_daily" """)).Should().Equal(0L);
    }

    [Fact]
    public async Task Migrate_WhenRequestLogsExist_ShouldKeepThemWithEmptyTokenDetailsAndStoreTenDecimalsAfterwards()
    {
        await _db.ExecuteAsync(db => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "request_logs" ("Id", "CreatedAt", "Endpoint", "Method", "StatusCode", "LatencyMs", "ModelName", "PromptTokens", "CompletionTokens", "TotalTokens", "CostUsd", "CountryCode")
            VALUES (1, @at, '/v1/chat/completions', 'POST', 200, 12.5, 'gpt-4o-mini', 16, 11, 27, 0.0001, 'DE');
            """.Replace("@at", Timestamp(db, "2024-03-01 10:00:00"))));

        await _db.ExecuteAsync(db => db.Database.MigrateAsync());

        var old = await _db.QueryAsync(db => db.RequestLogs.AsNoTracking().SingleAsync());
        (old.CostUsd, old.CachedInputTokens, old.CacheCreationTokens, old.ReasoningTokens, old.UsageEstimated).Should().Be((0.0001m, null, null, null, false));
        await _db.ExecuteAsync(db => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "request_logs" ("Id", "CreatedAt", "Endpoint", "Method", "StatusCode", "LatencyMs", "ModelName", "CostUsd", "CountryCode")
            SELECT 2, "CreatedAt", "Endpoint", "Method", "StatusCode", "LatencyMs", "ModelName", '0.0000000011', "CountryCode" FROM "request_logs" WHERE "Id" = 1;
            """));
        (await _db.QueryAsync(db => db.RequestLogs.AsNoTracking().Where(r => r.Id == 2).Select(r => new { r.CostUsd, r.UsageEstimated }).SingleAsync()))
            .Should().BeEquivalentTo(new { CostUsd = (decimal?)0.0000000011m, UsageEstimated = false }, "a row inserted without the flag takes the column's default");
        if (_db.IsPostgres)
        {
            // Tables, not request_logs' day partitions (which have its columns).
            (await _db.SqlColumnAsync("""
                SELECT table_name || '.' || column_name || ' ' || numeric_precision || ',' || numeric_scale FROM information_schema.columns
                WHERE column_name IN ('CostUsd', 'TotalCost') AND table_name NOT IN (SELECT c.relname FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid)
                ORDER BY table_name
                """)).Should().Equal("model_usage_stats.TotalCost 22,10", "request_logs.CostUsd 20,10", "user_sessions.TotalCost 20,10");
        }
    }

    private static string Timestamp(DbContext db, string utc) => db.Database.IsSqlite() ? $"'{utc}'" : $"TIMESTAMPTZ '{utc}+00'";
}
