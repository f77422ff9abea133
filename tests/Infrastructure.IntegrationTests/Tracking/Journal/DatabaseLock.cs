using System.Data.Common;
using CleanDashboard.TestSupport;

namespace CleanDashboard.Infrastructure.IntegrationTests.Tracking.Journal;

/// <summary>
/// Another connection holding the write lock, as a stuck process or a backup would: SQLite's exclusive lock, or a
/// PostgreSQL lock on the tables the writer needs. Writers fail once their lock wait is over; disposing lets go.
/// </summary>
internal sealed class DatabaseLock : IAsyncDisposable
{
    private readonly DbConnection _connection;

    private DatabaseLock(DbConnection connection) => _connection = connection;

    public static async Task<DatabaseLock> TakeAsync(TestDatabaseTarget target)
    {
        var connection = target.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = target.IsPostgres
            ? "BEGIN; LOCK TABLE request_logs, threat_logs IN ACCESS EXCLUSIVE MODE;"
            : "BEGIN EXCLUSIVE;";
        await command.ExecuteNonQueryAsync();
        return new DatabaseLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var command = _connection.CreateCommand())
        {
            command.CommandText = "ROLLBACK;";
            await command.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }
}
