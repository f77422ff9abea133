namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// The full-text index over captured (redacted) text, outside the EF model because each provider has its own
/// (decision 105): a contentless SQLite FTS5 table keyed by the capture's id, emptied by a trigger when a capture is
/// deleted; a PostgreSQL <c>tsvector</c> column with a GIN index. Both tokenize without stemming ('simple').
/// On SQLite the index is filled after the writer's commit by <see cref="Tracking.CaptureSearchIndexer"/>, which keeps how
/// far it got in <c>capture_search_progress</c> (decision 130).
/// </summary>
internal static class CaptureSearchSql
{
    public const string SqliteTable = "request_capture_search";

    public const string SqliteUp = """
        CREATE VIRTUAL TABLE request_capture_search USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER request_captures_search_delete AFTER DELETE ON request_captures BEGIN DELETE FROM request_capture_search WHERE rowid = old."Id"; END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS request_captures_search_delete;
        DROP TABLE IF EXISTS request_capture_search;
        """;

    public const string SqliteProgressTable = "capture_search_progress";

    /// <summary>One row: the last capture id whose text is in the index. Captures written before it existed were indexed by the writer.</summary>
    public const string SqliteProgressUp = """
        CREATE TABLE capture_search_progress ("Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1), "LastCaptureId" INTEGER NOT NULL);
        INSERT INTO capture_search_progress ("Id", "LastCaptureId") SELECT 1, coalesce(max("Id"), 0) FROM request_captures;
        """;

    public const string SqliteProgressDown = "DROP TABLE IF EXISTS capture_search_progress;";

    public const string PostgresUp = """
        ALTER TABLE request_captures ADD COLUMN "SearchVector" tsvector NOT NULL DEFAULT ''::tsvector;
        CREATE INDEX "IX_request_captures_SearchVector" ON request_captures USING GIN ("SearchVector");
        """;

    public const string PostgresDown = """
        DROP INDEX IF EXISTS "IX_request_captures_SearchVector";
        ALTER TABLE request_captures DROP COLUMN IF EXISTS "SearchVector";
        """;
}
