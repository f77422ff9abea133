using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Recognises the provider failures that mean "the database cannot take this right now" (busy, locked, read-only,
/// full, cannot be opened or reached) rather than a bug, wherever they sit in the exception's chain of causes.
/// </summary>
public static class DatabaseUnavailable
{
    // Primary result codes (the low byte of an extended code): https://sqlite.org/rescode.html
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    // SQLSTATE classes and codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
    private static readonly string[] PostgresStates =
    [
        "25006", // read_only_sql_transaction: a replica, or default_transaction_read_only
        "53100", // disk_full
        "53200", // out_of_memory
        "53300", // too_many_connections
        "55P03", // lock_not_available
        "57014", // query_canceled (statement or lock timeout)
        "57P01", // admin_shutdown
        "57P02", // crash_shutdown
        "57P03", // cannot_connect_now
        "58030", // io_error
    ];

    public static bool IsCause(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (IsUnavailable(cause))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen,
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || PostgresStates.Contains(postgres.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or TimeoutException or IOException,
        _ => false,
    };
}
