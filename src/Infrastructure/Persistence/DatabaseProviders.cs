using Npgsql;

namespace CleanDashboard.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Reads <c>Database:Provider</c> and checks the connection string a provider needs, failing at start-up with the setting's name.</summary>
public static class DatabaseProviders
{
    public const string Setting = "Database:Provider";

    public const string ConnectionStringSetting = "ConnectionStrings:Dashboard";

    /// <summary>Sqlite when unset; Sqlite or Postgres in any letter case; anything else is a configuration error.</summary>
    public static DatabaseProvider Parse(string? value) => value?.Trim() switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name when name.Equals(nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
        var name when name.Equals(nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"{Setting} is '{value}'; it must be Sqlite (the default) or Postgres."),
    };

    /// <summary>PostgreSQL has no default database: the connection string must be configured and readable by Npgsql.</summary>
    public static string PostgresConnectionString(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"{Setting} is Postgres but {ConnectionStringSetting} is not set; give it an Npgsql connection string such as \"Host=localhost;Database=cleandashboard;Username=...;Password=...\".");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(configured);
            if (string.IsNullOrEmpty(builder.Host))
            {
                throw new ArgumentException("it names no Host");
            }
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{Setting} is Postgres but {ConnectionStringSetting} is not a PostgreSQL connection string ({ex.Message}).", ex);
        }

        return configured;
    }
}
