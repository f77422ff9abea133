namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Data SQL of the OneOpenSessionPerUser migration (the same on SQLite and PostgreSQL). Before it, instances sharing a
/// PostgreSQL database could each start a session for one user; of a user's open idle-gap sessions all but the one
/// active last (then the highest id) are closed at their last activity, as the idle gap would have closed them, so the
/// unique index of open sessions can be built. Their requests, cost and tokens stay as they were.
/// </summary>
internal static class OpenSessionsSql
{
    public const string CloseAllButTheLatest = """
        UPDATE "user_sessions" SET "SessionEnd" = "LastActivityAt"
        WHERE "SessionEnd" IS NULL AND "ConversationId" IS NULL
          AND EXISTS (
            SELECT 1 FROM "user_sessions" AS later
            WHERE later."UserId" = "user_sessions"."UserId" AND later."SessionEnd" IS NULL AND later."ConversationId" IS NULL
              AND (later."LastActivityAt" > "user_sessions"."LastActivityAt"
                OR (later."LastActivityAt" = "user_sessions"."LastActivityAt" AND later."Id" > "user_sessions"."Id")));
        """;
}
