using System.Data;
using System.Data.Common;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>
/// A read-only transaction, so several queries see one state of the database: a deferred transaction on SQLite
/// (a WAL snapshot that never blocks the writer), <c>REPEATABLE READ</c> on PostgreSQL. Rolled back on dispose.
/// Begun inside an open snapshot it joins it and leaves it open, so one outer snapshot spans a whole computation.
/// </summary>
internal sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly DashboardDbContext _db;
    private readonly DbTransaction? _sqliteTransaction;
    private readonly IDbContextTransaction? _transaction;

    private ReadSnapshot(DashboardDbContext db, DbTransaction? sqliteTransaction, IDbContextTransaction? transaction)
    {
        _db = db;
        _sqliteTransaction = sqliteTransaction;
        _transaction = transaction;
    }

    /// <summary>
    /// A snapshot fixed now rather than at its first query (both databases take it at the first read, not at BEGIN),
    /// so no row committed after this call is seen.
    /// </summary>
    public static async Task<ReadSnapshot> BeginPinnedAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var snapshot = await BeginAsync(db, cancellationToken);
        await db.RequestLogs.AsNoTracking().AnyAsync(cancellationToken);
        return snapshot;
    }

    public static async Task<ReadSnapshot> BeginAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return new ReadSnapshot(db, null, null);
        }

        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var deferred = sqlite.BeginTransaction(deferred: true);
            await db.Database.UseTransactionAsync(deferred, cancellationToken);
            return new ReadSnapshot(db, deferred, null);
        }

        return new ReadSnapshot(db, null, await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is null && _sqliteTransaction is null)
        {
            return;
        }

        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            return;
        }

        await _db.Database.UseTransactionAsync(null);
        await _sqliteTransaction!.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }
}
