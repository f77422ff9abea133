using System.Data.Common;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace CleanDashboard.TestSupport;

/// <summary>
/// The database one test fixture runs against. By default SQLite, on the file the fixture names, exactly as before.
/// With <c>CD_TEST_DATABASE=Postgres</c>, a fresh database <c>cd_test_&lt;guid&gt;</c> on the server named by
/// <c>CD_TEST_POSTGRES</c> (an admin connection string), created by <see cref="TryCreateAsync"/> and dropped on dispose.
/// When that server cannot be reached, the tests are skipped with the reason, never passed and never failed.
/// </summary>
public sealed class TestDatabaseTarget : IAsyncDisposable
{
    public const string ProviderVariable = "CD_TEST_DATABASE";

    public const string ServerVariable = "CD_TEST_POSTGRES";

    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";

    private static readonly Lazy<string?> ServerProblem = new(ProbeServer, LazyThreadSafetyMode.ExecutionAndPublication);

    private bool _created;

    private TestDatabaseTarget(DatabaseProvider provider, string connectionString, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DatabaseName = databaseName;
    }

    /// <summary>True when this test run targets PostgreSQL (<c>CD_TEST_DATABASE=Postgres</c>).</summary>
    public static bool UsesPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable)?.Trim(), nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase);

    public DatabaseProvider Provider { get; }

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public string ConnectionString { get; }

    /// <summary>The PostgreSQL database's name; null on SQLite.</summary>
    public string? DatabaseName { get; }

    /// <summary>False when this run targets PostgreSQL and its server cannot be reached.</summary>
    public static bool ServerAvailable => !UsesPostgres || ServerProblem.Value is null;

    /// <summary>The application settings that point at this database (on SQLite only the connection string, as before).</summary>
    public IReadOnlyDictionary<string, string?> Settings => IsPostgres
        ? new Dictionary<string, string?>
        {
            [DatabaseProviders.Setting] = nameof(DatabaseProvider.Postgres),
            [DatabaseProviders.ConnectionStringSetting] = ConnectionString,
        }
        : new Dictionary<string, string?> { [DatabaseProviders.ConnectionStringSetting] = ConnectionString };

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured ? configured : DefaultServer;

    /// <summary>Null when the PostgreSQL server answers, whatever this run targets; else why not, naming the server but not the password.</summary>
    public static string? PostgresProblem => ServerProblem.Value;

    /// <summary>A target for this run: the given SQLite connection string, or a new PostgreSQL database name.</summary>
    public static TestDatabaseTarget Create(string sqliteConnectionString) => UsesPostgres
        ? CreatePostgres()
        : CreateSqlite(sqliteConnectionString);

    /// <summary>A SQLite target on the given connection string whatever <c>CD_TEST_DATABASE</c> says, for tests that need SQLite itself.</summary>
    public static TestDatabaseTarget CreateSqlite(string connectionString) => new(DatabaseProvider.Sqlite, connectionString, null);

    /// <summary>
    /// A new PostgreSQL database name whatever <c>CD_TEST_DATABASE</c> says, for tests that need PostgreSQL itself; they
    /// check <see cref="PostgresProblem"/> first.
    /// </summary>
    public static TestDatabaseTarget CreatePostgres()
    {
        var name = $"cd_test_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabaseTarget(DatabaseProvider.Postgres, builder.ConnectionString, name);
    }

    /// <summary>Skips the running test when this run targets PostgreSQL and the server cannot be reached.</summary>
    public static void SkipIfServerUnavailable()
    {
        if (UsesPostgres && ServerProblem.Value is { } problem)
        {
            Assert.Skip(problem);
        }
    }

    /// <summary>
    /// Creates the PostgreSQL database (SQLite files are created by the application itself). Returns false when the
    /// server cannot be reached: a fixture then starts nothing, and its tests are skipped by <see cref="SkipWhenTestDatabaseUnavailableAttribute"/>.
    /// </summary>
    public async Task<bool> TryCreateAsync()
    {
        if (!IsPostgres || _created)
        {
            return true;
        }

        if (ServerProblem.Value is not null)
        {
            return false;
        }

        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var command = admin.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{DatabaseName}\"";
        await command.ExecuteNonQueryAsync();
        _created = true;
        return true;
    }

    /// <summary>Creates the database, or skips the running test when the PostgreSQL server cannot be reached.</summary>
    public async Task CreateAsync()
    {
        if (!await TryCreateAsync())
        {
            SkipIfServerUnavailable();
        }
    }

    /// <summary>Whether the database exists yet: the SQLite file, or the PostgreSQL database on the server.</summary>
    public async Task<bool> ExistsAsync()
    {
        if (!IsPostgres)
        {
            return File.Exists(new SqliteConnectionStringBuilder(ConnectionString).DataSource);
        }

        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var command = admin.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pg_database WHERE datname = @name";
        command.Parameters.AddWithValue("name", DatabaseName!);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    /// <summary>A new, closed connection to this database that does not go through EF Core.</summary>
    public DbConnection CreateConnection() => IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    /// <summary>
    /// Drops the PostgreSQL database now, closing every connection to it (the server-side "database is gone"); also
    /// when the application created it itself.
    /// </summary>
    public async Task DropAsync()
    {
        if (!IsPostgres || ServerProblem.Value is not null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var command = admin.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
        _created = false;
    }

    public async ValueTask DisposeAsync() => await DropAsync();

    /// <summary>Null when the admin connection opens; else the reason to skip, naming the server but not the password.</summary>
    private static string? ProbeServer()
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        if (!builder.ContainsKey("Timeout"))
        {
            builder.Timeout = 5;
        }

        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return $"PostgreSQL not reachable at {builder.Host}:{builder.Port}: {ex.Message}";
        }
    }
}
