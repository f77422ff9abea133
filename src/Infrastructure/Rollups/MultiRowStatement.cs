using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CleanDashboard.Infrastructure.Rollups;

/// <summary>A result row of a sketch read: the probe's row index and the stored latency and TTFT sketches.</summary>
internal delegate void SketchRowReader(int index, ReadOnlySpan<byte> latency, ReadOnlySpan<byte> ttft);

/// <summary>
/// Runs one statement per chunk of rows, each chunk bound by position as a multi-row <c>VALUES (...), (...)</c> list
/// with as many rows as fit under the parameter limit (docs/decisions/107). Same SQL on SQLite and PostgreSQL except
/// the placeholder (<c>?n</c> / <c>$n</c>). SQLite goes through its own statement API: Microsoft.Data.Sqlite binds by
/// name, and SQLite looks a name up by a linear scan, which makes a 30,000-parameter statement quadratic.
/// </summary>
internal sealed class MultiRowStatement(DbConnection connection, DbTransaction transaction)
{
    /// <summary>SQLite's SQLITE_MAX_VARIABLE_NUMBER since 3.32 (the bundled e_sqlite3 2.1.13 is 3.4x); PostgreSQL allows 65,535.</summary>
    public const int MaxParameters = 32_766;

    private readonly char _placeholder = connection is SqliteConnection ? '?' : '$';

    /// <summary>How many rows of this many values one statement binds.</summary>
    public static int RowsPerStatement(int valuesPerRow) => MaxParameters / valuesPerRow;

    /// <summary>Executes <paramref name="sql"/> (given the chunk's VALUES list) once per chunk of <paramref name="rows"/>.</summary>
    public Task ExecuteAsync(IReadOnlyList<object[]> rows, Func<string, string> sql, CancellationToken cancellationToken) =>
        RunAsync(rows, sql, null, cancellationToken);

    /// <summary>Executes a query of (row index, latency sketch, TTFT sketch) once per chunk of <paramref name="rows"/>.</summary>
    public Task ReadSketchesAsync(IReadOnlyList<object[]> rows, Func<string, string> sql, SketchRowReader read, CancellationToken cancellationToken) =>
        RunAsync(rows, sql, read, cancellationToken);

    private async Task RunAsync(IReadOnlyList<object[]> rows, Func<string, string> sql, SketchRowReader? read, CancellationToken cancellationToken)
    {
        foreach (var chunk in Chunks(rows))
        {
            var text = sql(Values(chunk));
            if (connection is SqliteConnection sqlite)
            {
                RunOnSqlite(sqlite, chunk, text, read);
            }
            else
            {
                await RunAsync(chunk, text, read, cancellationToken);
            }
        }
    }

    private static IEnumerable<ArraySegment<object[]>> Chunks(IReadOnlyList<object[]> rows)
    {
        if (rows.Count == 0)
        {
            yield break;
        }

        var all = rows as object[][] ?? [.. rows];
        var size = RowsPerStatement(all[0].Length);
        for (var start = 0; start < all.Length; start += size)
        {
            yield return new ArraySegment<object[]>(all, start, Math.Min(size, all.Length - start));
        }
    }

    private string Values(ArraySegment<object[]> chunk)
    {
        var values = new StringBuilder("VALUES ");
        var next = 1;
        foreach (var row in chunk)
        {
            values.Append(next == 1 ? "(" : ", (");
            for (var i = 0; i < row.Length; i++, next++)
            {
                values.Append(i == 0 ? string.Empty : ", ").Append(_placeholder).Append(next);
            }

            values.Append(')');
        }

        return values.ToString();
    }

    private async Task RunAsync(ArraySegment<object[]> chunk, string text, SketchRowReader? read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var value in chunk.SelectMany(row => row))
        {
            var parameter = command.CreateParameter();
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        if (read is null)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), (byte[])reader[1], (byte[])reader[2]);
        }
    }

    private static void RunOnSqlite(SqliteConnection connection, ArraySegment<object[]> chunk, string text, SketchRowReader? read)
    {
        var database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(database, raw.sqlite3_prepare_v2(database, text, out var statement));
        using (statement)
        {
            var index = 1;
            foreach (var value in chunk.SelectMany(row => row))
            {
                Bind(statement, index++, value);
            }

            int result;
            while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                read?.Invoke(raw.sqlite3_column_int(statement, 0), raw.sqlite3_column_blob(statement, 1), raw.sqlite3_column_blob(statement, 2));
            }

            if (result != raw.SQLITE_DONE)
            {
                Check(database, result);
            }
        }
    }

    /// <summary>Binds a value as Microsoft.Data.Sqlite would (dates as its text form, so keys compare equal to the stored ones).</summary>
    private static void Bind(sqlite3_stmt statement, int index, object value) =>
        _ = value switch
        {
            int number => raw.sqlite3_bind_int64(statement, index, number),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            string text => raw.sqlite3_bind_text(statement, index, text),
            DateTime time => raw.sqlite3_bind_text(statement, index, time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            byte[] { Length: 0 } => raw.sqlite3_bind_zeroblob(statement, index, 0),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new ArgumentException($"No SQLite binding for {value.GetType().Name}.", nameof(value)),
        };

    private static void Check(sqlite3 database, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), result);
        }
    }
}
