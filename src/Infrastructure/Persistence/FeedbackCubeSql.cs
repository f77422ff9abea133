using CleanDashboard.Infrastructure.Persistence.Configurations;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// The feedback cubes are kept by the database itself (docs/decisions/120-feedback-rollup-kept-by-triggers.md): a trigger
/// on <c>feedback_logs</c> adds each new rating to its hour and day, moves a re-rating's one, and takes a deleted
/// rating's away — whoever deletes it: an admin, a user's deletion, or retention's cascade from the request logs. Each
/// rating carries the filter dimensions it is counted under, so a delete never has to look for its (already deleted)
/// request. Buckets are UTC, like every other rollup's. A later SQLite migration that rebuilds <c>feedback_logs</c>
/// (EF Core's table rebuild) drops the triggers with the old table: it must run <see cref="CreateTriggers"/> again.
/// </summary>
internal static class FeedbackCubeSql
{
    private static readonly string Key = """("BucketStart", "ModelName", "UserId", "ApiKeyId", "Endpoint", "Source", "Rating")""";

    private static readonly (string Table, string Unit)[] Cubes = [(RollupTables.HourlyFeedback, "hour"), (RollupTables.DailyFeedback, "day")];

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

    public static string CreateTriggers(bool postgres) => postgres ? PostgresTriggers : SqliteTriggers;

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

    private static string SqliteTriggers => $"""
        CREATE TRIGGER "feedback_logs_cube_insert" AFTER INSERT ON "feedback_logs"
        BEGIN
        {Add(postgres: false, "NEW")}
        END;
        CREATE TRIGGER "feedback_logs_cube_update" AFTER UPDATE ON "feedback_logs"
        BEGIN
        {Remove(postgres: false, "OLD")}
        {Add(postgres: false, "NEW")}
        END;
        CREATE TRIGGER "feedback_logs_cube_delete" AFTER DELETE ON "feedback_logs"
        BEGIN
        {Remove(postgres: false, "OLD")}
        END;
        """;

    private static string PostgresTriggers => $"""
        CREATE FUNCTION "feedback_cube_change"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
        {Remove(postgres: true, "OLD")}
            END IF;
            IF TG_OP <> 'DELETE' THEN
        {Add(postgres: true, "NEW")}
            END IF;
            RETURN NULL;
        END;
        $body$;
        CREATE TRIGGER "feedback_logs_cube" AFTER INSERT OR UPDATE OR DELETE ON "feedback_logs" FOR EACH ROW EXECUTE FUNCTION "feedback_cube_change"();
        """;

    private static string Add(bool postgres, string row) => string.Concat(Cubes.Select(c => $"""
            INSERT INTO "{c.Table}" {Key[..^1]}, "Ratings")
            VALUES ({Bucket(postgres, c.Unit, $"{row}.\"CreatedAt\"")}, {row}."ModelName", {row}."UserId", COALESCE({row}."ApiKeyId", 0), {row}."Endpoint", {row}."Source", {row}."Rating", 1)
            ON CONFLICT {Key} DO UPDATE SET "Ratings" = "{c.Table}"."Ratings" + 1;

        """));

    private static string Remove(bool postgres, string row) => string.Concat(Cubes.Select(c => $"""
            UPDATE "{c.Table}" SET "Ratings" = "Ratings" - 1
            WHERE "BucketStart" = {Bucket(postgres, c.Unit, $"{row}.\"CreatedAt\"")} AND "ModelName" = {row}."ModelName" AND "UserId" = {row}."UserId"
              AND "ApiKeyId" = COALESCE({row}."ApiKeyId", 0) AND "Endpoint" = {row}."Endpoint" AND "Source" = {row}."Source" AND "Rating" = {row}."Rating";

        """));

    /// <summary>The UTC hour or day an instant falls in, in the column's own format (EF Core's text on SQLite).</summary>
    private static string Bucket(bool postgres, string unit, string instant) => postgres
        ? $"date_trunc('{unit}', {instant}, 'UTC')"
        : $"strftime('{(unit == "hour" ? "%Y-%m-%d %H:00:00" : "%Y-%m-%d 00:00:00")}', {instant})";
}
