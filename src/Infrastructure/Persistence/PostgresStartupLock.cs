using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Start-up lock for a PostgreSQL database shared by several instances: a session-level <c>pg_advisory_lock</c> on a
/// connection of its own, released when disposed (or by the server when the instance dies). A database that does not
/// exist yet is created under the same kind of lock taken in the server's maintenance database, so two instances never
/// both try to create it.
/// </summary>
internal sealed class PostgresStartupLock : IAsyncDisposable
{
    private const string MaintenanceDatabase = "postgres";

    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private PostgresStartupLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    public static async Task<IAsyncDisposable> AcquireAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var connectionString = db.Database.GetConnectionString()!;
        var databaseName = new NpgsqlConnectionStringBuilder(connectionString).Database ?? string.Empty;
        var key = LockKey(databaseName);
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = MaintenanceDatabase, Pooling = false };
            await using var creating = await LockAsync(maintenance.ConnectionString, key, cancellationToken);
            if (!await creator.ExistsAsync(cancellationToken))
            {
                await creator.CreateAsync(cancellationToken);
            }
        }

        return await LockAsync(connectionString, key, cancellationToken);
    }

    /// <summary>A stable 64-bit key per database name, so instances of different databases on one server do not wait for each other.</summary>
    internal static long LockKey(string databaseName) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("CleanDashboard.DatabaseInitializer:" + databaseName)), 0);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteScalarAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private static async Task<PostgresStartupLock> LockAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        // Not pooled: a pooled connection returned with the lock still held would keep it past this instance's start-up.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresStartupLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
