using CleanDashboard.Domain.Enums;
using CleanDashboard.Infrastructure.Persistence.Configurations;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// The feedback cubes are kept by the database itself (docs/decisions/120-feedback-rollup-kept-by-triggers.md): a trigger
/// on <c>feedback_logs</c> adds each new rating to its hour and day, moves a re-rating's one, and takes a deleted
/// rating's away — whoever deletes it: an admin, a user's deletion, or retention's cascade from the request logs. Each
/// rating carries the filter dimensions it is counted under, so a delete never has to look for its (already deleted)
/// request. Buckets are UTC, like every other rollup's. A later SQLite migration that rebuilds <c>feedback_logs</c>
/// (EF Core's table rebuild) drops the triggers with the old table: it must run <see cref="CreateTriggers"/> again.
/// The same triggers keep the feedback rollups (docs/decisions/123): one row per dimension the rating has a value in.
/// </summary>
internal static class FeedbackCubeSql
{
    private static readonly string Key = """("BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Source", "Rating")""";

    private static readonly string RollupKey = """("Dimension", "Key", "BucketStart", "Rating")""";

    private static readonly (string Table, string Unit)[] Cubes = [(RollupTables.HourlyFeedback, "hour"), (RollupTables.DailyFeedback, "day")];

    private static readonly (string Table, string Unit)[] Rollups = [(RollupTables.HourlyFeedbackRollups, "hour"), (RollupTables.DailyFeedbackRollups, "day")];

    /// <summary>
    /// The dimensions a rating is counted under and its key in each, from a row's columns (<c>NEW.</c>, <c>OLD.</c> or none);
    /// NULL where the rating has no value — no model (""), no key — as the request rollups skip them (<c>RollupBatch</c>).
    /// </summary>
    private static readonly (RollupDimension Dimension, Func<string, string> Key)[] Dimensions =
    [
        (RollupDimension.Total, _ => "''"),
        (RollupDimension.Model, row => $"NULLIF({row}\"ModelName\", '')"),
        (RollupDimension.User, row => $"CAST({row}\"UserId\" AS TEXT)"),
        (RollupDimension.ApiKey, row => $"CAST({row}\"ApiKeyId\" AS TEXT)"),
        (RollupDimension.Endpoint, row => $"{row}\"Endpoint\""),
    ];

    /// <summary>Copies each rating's dimensions from its request (for ratings given before the columns existed).</summary>
    public const string CopyDimensions = """
        UPDATE "feedback_logs" SET "ModelName" = r."ModelName", "ApiKeyId" = r."ApiKeyId", "Endpoint" = r."Endpoint", "Source" = r."Source"
        FROM "request_logs" AS r WHERE r."Id" = "feedback_logs"."RequestLogId";
        """;

    /// <summary>Fills empty cubes from every rating (the migration, and <c>rebuild-rollups</c> after clearing them).</summary>
    public static string Populate(bool postgres) => string.Concat(Cubes.Select(c =>
    {
        var bucket = Bucket(postgres, c.Unit, "\"CreatedAt\"");
        return $"""
            INSERT INTO "{c.Table}" {Key[..^1]}, "Ratings")
            SELECT {bucket}, "ModelName", "UserId", COALESCE("ApiKeyId", 0), "Endpoint", "Source", "Rating", COUNT(*)
            FROM "feedback_logs"
            GROUP BY {bucket}, "ModelName", "UserId", COALESCE("ApiKeyId", 0), "Endpoint", "Source", "Rating";

            """;
    }));

    /// <summary>Fills empty rollups from every rating (the migration, and <c>rebuild-rollups</c> after clearing them).</summary>
    public static string PopulateRollups(bool postgres) => string.Concat(Rollups.Select(r =>
    {
        var bucket = Bucket(postgres, r.Unit, "\"CreatedAt\"");
        var ratings = string.Join(
            "\n    UNION ALL ",
            Dimensions.Select(d => $"""SELECT {(int)d.Dimension} AS "Dimension", {d.Key("")} AS "Key", {bucket} AS "BucketStart", "Rating" FROM "feedback_logs" """));
        return $"""
            INSERT INTO "{r.Table}" {RollupKey[..^1]}, "Ratings")
            SELECT "Dimension", "Key", "BucketStart", "Rating", COUNT(*)
            FROM ({ratings}) AS "rated"
            WHERE "Key" IS NOT NULL
            GROUP BY "Dimension", "Key", "BucketStart", "Rating";

            """;
    }));

    /// <summary>
    /// The triggers; <paramref name="withRollups"/> false gives those of the <c>FeedbackCubes</c> migration, which ran before
    /// the rollup tables existed (and its <c>Down</c> returns to).
    /// </summary>
    public static string CreateTriggers(bool postgres, bool withRollups) => postgres ? PostgresTriggers(withRollups) : SqliteTriggers(withRollups);

    public static string DropTriggers(bool postgres) => postgres
        ? """
          DROP TRIGGER IF EXISTS "feedback_logs_cube" ON "feedback_logs";
          DROP FUNCTION IF EXISTS "feedback_cube_change"();
          """
        : """
          DROP TRIGGER IF EXISTS "feedback_logs_cube_insert";
          DROP TRIGGER IF EXISTS "feedback_logs_cube_update";
          DROP TRIGGER IF EXISTS "feedback_logs_cube_delete";
          """;

    private static string SqliteTriggers(bool withRollups) => $"""
        CREATE TRIGGER "feedback_logs_cube_insert" AFTER INSERT ON "feedback_logs"
        BEGIN
        {Add(postgres: false, "NEW", withRollups)}
        END;
        CREATE TRIGGER "feedback_logs_cube_update" AFTER UPDATE ON "feedback_logs"
        BEGIN
        {Remove(postgres: false, "OLD", withRollups)}
        {Add(postgres: false, "NEW", withRollups)}
        END;
        CREATE TRIGGER "feedback_logs_cube_delete" AFTER DELETE ON "feedback_logs"
        BEGIN
        {Remove(postgres: false, "OLD", withRollups)}
        END;
        """;

    private static string PostgresTriggers(bool withRollups) => $"""
        CREATE FUNCTION "feedback_cube_change"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
        {Remove(postgres: true, "OLD", withRollups)}
            END IF;
            IF TG_OP <> 'DELETE' THEN
        {Add(postgres: true, "NEW", withRollups)}
            END IF;
            RETURN NULL;
        END;
        $body$;
        CREATE TRIGGER "feedback_logs_cube" AFTER INSERT OR UPDATE OR DELETE ON "feedback_logs" FOR EACH ROW EXECUTE FUNCTION "feedback_cube_change"();
        """;

    private static string Add(bool postgres, string row, bool withRollups) => string.Concat(Cubes.Select(c => $"""
            INSERT INTO "{c.Table}" {Key[..^1]}, "Ratings")
            VALUES ({Bucket(postgres, c.Unit, $"{row}.\"CreatedAt\"")}, {row}."ModelName", {row}."UserId", COALESCE({row}."ApiKeyId", 0), {row}."Endpoint", {row}."Source", {row}."Rating", 1)
            ON CONFLICT {Key} DO UPDATE SET "Ratings" = "{c.Table}"."Ratings" + 1;

        """).Concat(withRollups ? Rollups.Select(r => $"""
            INSERT INTO "{r.Table}" {RollupKey[..^1]}, "Ratings")
            SELECT "keys".column1, "keys".column2, {Bucket(postgres, r.Unit, $"{row}.\"CreatedAt\"")}, {row}."Rating", 1
            FROM (VALUES {DimensionKeys(row)}) AS "keys" WHERE "keys".column2 IS NOT NULL
            ON CONFLICT {RollupKey} DO UPDATE SET "Ratings" = "{r.Table}"."Ratings" + 1;

        """) : []));

    private static string Remove(bool postgres, string row, bool withRollups) => string.Concat(Cubes.Select(c => $"""
            UPDATE "{c.Table}" SET "Ratings" = "Ratings" - 1
            WHERE "BucketStart" = {Bucket(postgres, c.Unit, $"{row}.\"CreatedAt\"")} AND "ModelName" = {row}."ModelName" AND "UserId" = {row}."UserId"
              AND "ApiKeyId" = COALESCE({row}."ApiKeyId", 0) AND "Endpoint" = {row}."Endpoint" AND "Source" = {row}."Source" AND "Rating" = {row}."Rating";

        """).Concat(withRollups ? Rollups.Select(r => $"""
            UPDATE "{r.Table}" SET "Ratings" = "Ratings" - 1
            WHERE ("Dimension", "Key") IN (VALUES {DimensionKeys(row)}) AND "BucketStart" = {Bucket(postgres, r.Unit, $"{row}.\"CreatedAt\"")} AND "Rating" = {row}."Rating";

        """) : []));

    /// <summary>A row's (dimension, key) pairs as VALUES rows; a NULL key matches and inserts nothing.</summary>
    private static string DimensionKeys(string row) => string.Join(", ", Dimensions.Select(d => $"({(int)d.Dimension}, {d.Key($"{row}.")})"));

    /// <summary>The UTC hour or day an instant falls in, in the column's own format (EF Core's text on SQLite).</summary>
    private static string Bucket(bool postgres, string unit, string instant) => postgres
        ? $"date_trunc('{unit}', {instant}, 'UTC')"
        : $"strftime('{(unit == "hour" ? "%Y-%m-%d %H:00:00" : "%Y-%m-%d 00:00:00")}', {instant})";
}
