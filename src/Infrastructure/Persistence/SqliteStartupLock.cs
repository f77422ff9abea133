using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>
/// Start-up lock for a SQLite database shared by several processes: a lock file beside the database, opened exclusively
/// (FileShare.None takes an OS lock that the system drops when the holder exits, so a crashed instance leaves no stale lock).
/// The file stays in place: deleting it while another instance waits on it would let two instances hold two files.
/// </summary>
internal sealed class SqliteStartupLock : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    private readonly FileStream? _file;

    private SqliteStartupLock(FileStream? file) => _file = file;

    /// <summary>The path of the lock file for a database file: <c>dashboard.db</c> → <c>dashboard.db.startup-lock</c>.</summary>
    public static string LockFilePath(string databasePath) => Path.GetFullPath(databasePath) + ".startup-lock";

    public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            // An in-memory database belongs to this process alone.
            return new SqliteStartupLock(null);
        }

        var path = LockFilePath(builder.DataSource);
        var waiting = false;
        while (true)
        {
            try
            {
                return new SqliteStartupLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                if (!waiting)
                {
                    logger.LogInformation("Waiting for another instance to finish migrating the database");
                    waiting = true;
                }

                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _file?.DisposeAsync() ?? ValueTask.CompletedTask;
}
