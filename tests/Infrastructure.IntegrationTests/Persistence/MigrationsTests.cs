using CleanDashboard.Domain.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

public sealed class MigrationsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task MigrateAsync_WhenRunOnAnEmptyFile_ShouldCreateEveryTable()
    {
        var tables = await database.SqlColumnAsync(database.IsPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_\\_EF%' ESCAPE '\\'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_EF%' ESCAPE '\\'");
        var history = await database.SqlColumnAsync(database.IsPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '__EFMigrationsHistory'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'");

        var expected = new List<object>
        {
            "api_keys", "feedback_logs", "model_usage_stats", "request_logs", "threat_logs", "user_sessions", "users",
            "request_rollups_hourly", "request_rollups_daily", "active_users_hourly", "active_users_daily", "session_rollups_hourly", "session_rollups_daily",
            "request_log_journal_checkpoints", "upstream_attempt_logs", "spend_limits", "request_captures",
            "alert_rules", "alert_events", "alert_delivery_attempts", "alert_evaluation_lease", "alert_budget_warnings",
            "request_cubes_hourly", "request_cubes_daily", "request_facets_hourly", "request_facets_daily",
            "feedback_cubes_hourly", "feedback_cubes_daily", "request_pairs_hourly", "request_pairs_daily",
            "feedback_rollups_hourly", "feedback_rollups_daily",
        };
        if (!database.IsPostgres)
        {
            // The contentless FTS5 index over captured text and its shadow tables (PostgreSQL keeps a tsvector column instead).
            expected.AddRange(["request_capture_search", "request_capture_search_config", "request_capture_search_data", "request_capture_search_docsize", "request_capture_search_idx"]);

            // How far the indexer has filled it (decision 130).
            expected.Add("capture_search_progress");
        }
        else
        {
            // request_logs is partitioned by day (docs/decisions/129): the migration creates its default partition; the days' come later.
            expected.Add("request_logs_default");
        }

        tables.Should().BeEquivalentTo(expected);
        history.Should().ContainSingle();
    }

    [Theory]
    [InlineData("request_logs", "IX_request_logs_CreatedAt", "CreatedAt")]
    [InlineData("request_logs", "IX_request_logs_UserId_CreatedAt", "UserId,CreatedAt")]
    [InlineData("request_logs", "IX_request_logs_ApiKeyId_CreatedAt", "ApiKeyId,CreatedAt")]
    [InlineData("threat_logs", "IX_threat_logs_CreatedAt", "CreatedAt")]
    [InlineData("threat_logs", "IX_threat_logs_Resolved_Severity", "Resolved,Severity")]
    [InlineData("feedback_logs", "IX_feedback_logs_CreatedAt", "CreatedAt")]
    [InlineData("user_sessions", "IX_user_sessions_SessionStart", "SessionStart")]
    [InlineData("upstream_attempt_logs", "IX_upstream_attempt_logs_RequestLogId", "RequestLogId")]
    [InlineData("upstream_attempt_logs", "IX_upstream_attempt_logs_Upstream_CreatedAt", "Upstream,CreatedAt")]
    [InlineData("request_captures", "IX_request_captures_CreatedAt", "CreatedAt")]
    [InlineData("alert_events", "IX_alert_events_RuleId_At", "RuleId,At")]
    [InlineData("alert_events", "IX_alert_events_At", "At")]
    [InlineData("alert_delivery_attempts", "IX_alert_delivery_attempts_AlertEventId", "AlertEventId")]
    public async Task MigrateAsync_WhenRunOnAnEmptyFile_ShouldCreateTheDashboardIndexes(string table, string index, string columns)
    {
        var indexes = await IndexesAsync(table);

        indexes.Should().ContainKey(index);
        indexes[index].Columns.Should().Be(columns);
        indexes[index].Unique.Should().BeFalse();
    }

    [Fact]
    public async Task MigrateAsync_WhenRunOnAnEmptyFile_ShouldMakeEachBudgetWarningLevelUniquePerPeriod()
    {
        var indexes = await IndexesAsync("alert_budget_warnings");

        indexes["IX_alert_budget_warnings_once_per_level"].Should().Be(("RuleId,SubjectKind,SubjectId,PeriodStart,Level", true));
    }

    [Fact]
    public async Task MigrateAsync_WhenRunOnAnEmptyFile_ShouldMakeDateAndModelUniqueInModelUsageStats()
    {
        var indexes = await IndexesAsync("model_usage_stats");

        indexes.Should().ContainKey("IX_model_usage_stats_Date_ModelName");
        indexes["IX_model_usage_stats_Date_ModelName"].Should().Be(("Date,ModelName", true));
    }

    [Fact]
    public async Task MigrateAsync_WhenRunOnAnEmptyFile_ShouldMakeOneRowOfLimitsPerKeyOrUser()
    {
        var indexes = await IndexesAsync("spend_limits");

        indexes.Should().ContainKey("IX_spend_limits_SubjectKind_SubjectId");
        indexes["IX_spend_limits_SubjectKind_SubjectId"].Should().Be(("SubjectKind,SubjectId", true));
    }

    [Fact]
    public async Task MigrateAsync_WhenADuplicateDayAndModelIsInserted_ShouldRefuseIt()
    {
        var day = new DateOnly(2099, 1, 1);
        await database.ExecuteAsync(db =>
        {
            db.ModelUsageStats.Add(new ModelUsageStats { Date = day, ModelName = "dup-model", TotalRequests = 1 });
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var act = () => database.ExecuteAsync(db =>
        {
            db.ModelUsageStats.Add(new ModelUsageStats { Date = day, ModelName = "dup-model", TotalRequests = 2 });
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var thrown = await act.Should().ThrowAsync<DbUpdateException>();
        if (database.IsPostgres)
        {
            thrown.WithInnerException<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        }
        else
        {
            thrown.WithInnerException<SqliteException>().Which.SqliteExtendedErrorCode.Should().Be(2067); // SQLITE_CONSTRAINT_UNIQUE
        }

        await database.ExecuteAsync(db => db.ModelUsageStats.Where(s => s.ModelName == "dup-model").ExecuteDeleteAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task MigrateAsync_WhenDone_ShouldLeaveNoPendingMigrationAndMatchTheModel()
    {
        await database.ExecuteAsync(async db =>
        {
            (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
            (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Should().Equal(db.Database.GetMigrations());
            db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a migration");
        });
    }

    [Fact]
    public async Task Connection_WhenOpenedByTheContext_ShouldEnforceForeignKeys()
    {
        if (database.IsPostgres)
        {
            // PostgreSQL always enforces them (SQLite only with the pragma): a key of a user that does not exist is refused.
            var act = () => database.ExecuteAsync(db =>
            {
                db.ApiKeys.Add(new ApiKey { UserId = 999_999, Name = "orphan", Prefix = "cd_orphan", KeyHash = new byte[32], CreatedAt = TestDatabase.DefaultNow.UtcDateTime });
                return db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
            (await act.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
                .Which.SqlState.Should().Be(PostgresErrorCodes.ForeignKeyViolation);
            return;
        }

        var foreignKeys = await database.QueryAsync(db => db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS Value FROM pragma_foreign_keys").SingleAsync(TestContext.Current.CancellationToken));

        foreignKeys.Should().Be(1);
    }

    private async Task<Dictionary<string, (string Columns, bool Unique)>> IndexesAsync(string table) =>
        database.IsPostgres ? await PostgresIndexesAsync(table) : await SqliteIndexesAsync(table);

    private async Task<Dictionary<string, (string Columns, bool Unique)>> PostgresIndexesAsync(string table)
    {
        var names = await database.SqlColumnAsync($"SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = '{table}'");
        var result = new Dictionary<string, (string, bool)>();
        foreach (var name in names.Cast<string>())
        {
            var columns = await database.SqlColumnAsync($"""
                SELECT a.attname FROM pg_index i
                JOIN pg_class c ON c.oid = i.indexrelid
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE c.relname = '{name}' ORDER BY k.position
                """);
            var unique = await database.SqlColumnAsync($"SELECT i.indisunique FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '{name}'");
            result[name] = (string.Join(',', columns), (bool)unique.Single()!);
        }

        return result;
    }

    private async Task<Dictionary<string, (string Columns, bool Unique)>> SqliteIndexesAsync(string table)
    {
        var names = await database.SqlColumnAsync($"SELECT name FROM pragma_index_list('{table}')");
        var result = new Dictionary<string, (string, bool)>();
        foreach (var name in names.Cast<string>())
        {
            var columns = await database.SqlColumnAsync($"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno");
            var unique = await database.SqlColumnAsync($"SELECT \"unique\" FROM pragma_index_list('{table}') WHERE name = '{name}'");
            result[name] = (string.Join(',', columns), (long)unique.Single()! == 1);
        }

        return result;
    }
}
