using System.Net.Sockets;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanDashboard.Infrastructure.IntegrationTests.Persistence;

/// <summary>Which provider failures mean "the database cannot take this now" (503) and which are a bug (500).</summary>
public sealed class DatabaseUnavailableTests
{
    [Theory]
    [InlineData(5)] // SQLITE_BUSY
    [InlineData(6)] // SQLITE_LOCKED
    [InlineData(8)] // SQLITE_READONLY
    [InlineData(10)] // SQLITE_IOERR
    [InlineData(13)] // SQLITE_FULL
    [InlineData(14)] // SQLITE_CANTOPEN
    [InlineData(261)] // SQLITE_BUSY_RECOVERY, an extended code of BUSY
    [InlineData(1032)] // SQLITE_READONLY_DBMOVED
    public void IsCause_WhenSqliteCannotTakeTheWrite_ShouldBeTrueAlsoInsideDbUpdateException(int code)
    {
        var sqlite = new SqliteException("database unavailable", code);

        DatabaseUnavailable.IsCause(sqlite).Should().BeTrue();
        DatabaseUnavailable.IsCause(new DbUpdateException("save failed", sqlite)).Should().BeTrue();
    }

    [Theory]
    [InlineData(1)] // SQLITE_ERROR: a bad statement
    [InlineData(19)] // SQLITE_CONSTRAINT
    [InlineData(2067)] // SQLITE_CONSTRAINT_UNIQUE
    public void IsCause_WhenSqliteRefusesTheStatementItself_ShouldBeFalse(int code) =>
        DatabaseUnavailable.IsCause(new DbUpdateException("save failed", new SqliteException("bug", code))).Should().BeFalse();

    [Theory]
    [InlineData("25006", true)] // read_only_sql_transaction
    [InlineData("53100", true)] // disk_full
    [InlineData("57P03", true)] // cannot_connect_now
    [InlineData("08006", true)] // connection_failure
    [InlineData("23505", false)] // unique_violation
    [InlineData("42P01", false)] // undefined_table
    public void IsCause_ForAPostgresError_ShouldFollowItsSqlState(string sqlState, bool unavailable) =>
        DatabaseUnavailable.IsCause(new DbUpdateException("save failed", new PostgresException("message", "ERROR", "ERROR", sqlState))).Should().Be(unavailable);

    [Fact]
    public void IsCause_WhenPostgresCannotBeReached_ShouldBeTrue()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused));

        DatabaseUnavailable.IsCause(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", refused)).Should().BeTrue();
    }

    [Fact]
    public void IsCause_WhenNoProviderFailureIsInTheChain_ShouldBeFalse() =>
        DatabaseUnavailable.IsCause(new InvalidOperationException("bug", new ArgumentException("x"))).Should().BeFalse();
}
