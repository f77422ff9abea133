namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Cuts display prefixes stored before they were shortened to what <c>ApiKeySecret.DisplayPrefix</c> keeps now:
/// "cd_" and 4 characters, or 4 characters of a configured key. The same SQL runs on SQLite and PostgreSQL.
/// </summary>
internal static class ShortKeyPrefixesSql
{
    public const string Up = """
        UPDATE api_keys SET "Prefix" = substr("Prefix", 1, 7) WHERE substr("Prefix", 1, 3) = 'cd_' AND length("Prefix") > 7;
        UPDATE api_keys SET "Prefix" = substr("Prefix", 1, 4) WHERE substr("Prefix", 1, 3) <> 'cd_' AND length("Prefix") > 4;
        """;
}
