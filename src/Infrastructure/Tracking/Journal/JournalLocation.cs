using CleanDashboard.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CleanDashboard.Infrastructure.Tracking.Journal;

/// <summary>Where the journal lives unless <c>RequestLogWriter:JournalPath</c> says: beside the SQLite file, or under data/ named after the PostgreSQL database.</summary>
public static class JournalLocation
{
    public const string FileSuffix = ".request-journal";

    public static string Default(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Dashboard");
        if (DatabaseProviders.Parse(configuration[DatabaseProviders.Setting]) == DatabaseProvider.Postgres)
        {
            var database = new NpgsqlConnectionStringBuilder(DatabaseProviders.PostgresConnectionString(configured)).Database ?? "postgres";
            return Path.Combine("data", $"{database}{FileSuffix}");
        }

        var sqlite = new SqliteConnectionStringBuilder(configured is { Length: > 0 } ? configured : DependencyInjection.DefaultConnectionString);
        return sqlite.DataSource + FileSuffix;
    }
}
