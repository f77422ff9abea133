namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL only (docs/decisions/129-request-log-partitions.md): <c>request_logs</c> becomes a table partitioned by
/// range of <c>CreatedAt</c>, one partition per UTC day named by <see cref="RequestLogPartitions.NameOf"/>, plus a
/// default partition for rows of days that have none. A partitioned table's primary key must hold its partition key,
/// so the key becomes (<c>Id</c>, <c>CreatedAt</c>) — ids still come from one sequence and stay unique — and the four
/// tables pointing at a request log (feedback, captures, upstream attempts, threats) lose their foreign keys: the
/// writer inserts them in the request log's transaction, and retention deletes them before their request log.
/// Existing rows are copied into partitions of their days, created here in one pass; ids carry on from the old sequence.
/// </summary>
internal static class RequestLogPartitionSql
{
    /// <summary>The tables whose <c>RequestLogId</c> pointed at a request log by foreign key, with what a delete did to them.</summary>
    private static readonly (string Table, string OnDelete)[] Referencing =
    [
        ("feedback_logs", "CASCADE"),
        ("request_captures", "CASCADE"),
        ("upstream_attempt_logs", "CASCADE"),
        ("threat_logs", "SET NULL"),
    ];

    /// <summary>The indexes of the model (<see cref="Configurations.RequestLogConfiguration"/>), recreated on the partitioned table.</summary>
    private static readonly string[] Indexes = ["CreatedAt", "ApiKeyId\", \"CreatedAt", "Source\", \"CreatedAt", "UserId\", \"CreatedAt"];

    public static readonly string Up = string.Concat(Referencing.Select(r => $"""ALTER TABLE "{r.Table}" DROP CONSTRAINT "FK_{r.Table}_request_logs_RequestLogId";""" + "\n")) + $$"""
        ALTER TABLE "request_logs" RENAME TO "request_logs_unpartitioned";
        ALTER TABLE "request_logs_unpartitioned" RENAME CONSTRAINT "PK_request_logs" TO "PK_request_logs_unpartitioned";
        ALTER SEQUENCE "request_logs_Id_seq" RENAME TO "request_logs_unpartitioned_Id_seq";
        {{string.Concat(Indexes.Select(i => $"""DROP INDEX "{IndexName(i)}";""" + "\n"))}}
        CREATE TABLE "request_logs" (LIKE "request_logs_unpartitioned" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING STORAGE) PARTITION BY RANGE ("CreatedAt");
        ALTER TABLE "request_logs" ADD CONSTRAINT "PK_request_logs" PRIMARY KEY ("Id", "CreatedAt");
        {{OutboundForeignKeys}}
        {{string.Concat(Indexes.Select(i => $"""CREATE INDEX "{IndexName(i)}" ON "request_logs" ("{i}");""" + "\n"))}}
        CREATE TABLE "{{RequestLogPartitions.DefaultPartition}}" PARTITION OF "request_logs" DEFAULT;
        DO $$
        DECLARE day timestamp;
        BEGIN
            FOR day IN SELECT DISTINCT date_trunc('day', "CreatedAt" AT TIME ZONE 'UTC') FROM "request_logs_unpartitioned" LOOP
                EXECUTE format('CREATE TABLE %I PARTITION OF "request_logs" FOR VALUES FROM (%L) TO (%L)',
                    '{{RequestLogPartitions.NamePrefix}}' || to_char(day, 'YYYYMMDD'), day::text || '+00', (day + interval '1 day')::text || '+00');
            END LOOP;
        END $$;
        INSERT INTO "request_logs" SELECT * FROM "request_logs_unpartitioned";
        SELECT setval(pg_get_serial_sequence('"request_logs"', 'Id'),
            GREATEST(COALESCE(pg_sequence_last_value('"request_logs_unpartitioned_Id_seq"'), 0), COALESCE((SELECT max("Id") FROM "request_logs_unpartitioned"), 0)) + 1, false);
        DROP TABLE "request_logs_unpartitioned";
        ANALYZE "request_logs";
        """;

    public static readonly string Down = $$"""
        CREATE TABLE "request_logs_unpartitioned" (LIKE "request_logs" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING STORAGE);
        INSERT INTO "request_logs_unpartitioned" SELECT * FROM "request_logs";
        SELECT setval(pg_get_serial_sequence('"request_logs_unpartitioned"', 'Id'),
            GREATEST(COALESCE(pg_sequence_last_value(pg_get_serial_sequence('"request_logs"', 'Id')::regclass), 0), COALESCE((SELECT max("Id") FROM "request_logs"), 0)) + 1, false);
        DROP TABLE "request_logs";
        ALTER TABLE "request_logs_unpartitioned" RENAME TO "request_logs";
        ALTER SEQUENCE "request_logs_unpartitioned_Id_seq" RENAME TO "request_logs_Id_seq";
        ALTER TABLE "request_logs" ADD CONSTRAINT "PK_request_logs" PRIMARY KEY ("Id");
        {{OutboundForeignKeys}}
        {{string.Concat(Indexes.Select(i => $"""CREATE INDEX "{IndexName(i)}" ON "request_logs" ("{i}");""" + "\n"))}}
        """ + string.Concat(Referencing.Select(r =>
            $"""ALTER TABLE "{r.Table}" ADD CONSTRAINT "FK_{r.Table}_request_logs_RequestLogId" FOREIGN KEY ("RequestLogId") REFERENCES "request_logs" ("Id") ON DELETE {r.OnDelete};""" + "\n"));

    private const string OutboundForeignKeys = """
        ALTER TABLE "request_logs" ADD CONSTRAINT "FK_request_logs_api_keys_ApiKeyId" FOREIGN KEY ("ApiKeyId") REFERENCES "api_keys" ("Id") ON DELETE SET NULL;
        ALTER TABLE "request_logs" ADD CONSTRAINT "FK_request_logs_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE SET NULL;
        """;

    private static string IndexName(string columns) => "IX_request_logs_" + columns.Replace("\", \"", "_", StringComparison.Ordinal);
}
