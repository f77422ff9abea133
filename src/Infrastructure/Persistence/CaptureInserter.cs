using System.Data.Common;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Rollups;
using Microsoft.Data.Sqlite;

namespace CleanDashboard.Infrastructure.Persistence;

/// <summary>A capture on its way to <c>request_captures</c>, with the redacted text its full-text row is built from.</summary>
internal readonly record struct CaptureInsert(RequestCapture Capture, string SearchText);

/// <summary>
/// Writes a batch's captures as multi-row statements (decision 117) instead of one-row statements per capture. SQLite:
/// the captures alone — their FTS5 rows are written after the commit by <see cref="Tracking.CaptureSearchIndexer"/>
/// (decision 130). PostgreSQL: one statement, the tsvector computed from the text.
/// </summary>
internal sealed class CaptureInserter(DbConnection connection, DbTransaction transaction)
{
    private const string Columns = """
        "RequestLogId", "CreatedAt", "RequestBody", "ResponseText", "RequestTruncated", "ResponseTruncated", "CapBytes", "Redactions", "ContentType", "UserAgent"
        """;

    private const string SelectColumns = "column1, column2, column3, column4, column5, column6, column7, column8, column9, column10";

    public async Task InsertAsync(IReadOnlyList<CaptureInsert> captures, CancellationToken cancellationToken)
    {
        if (captures.Count == 0)
        {
            return;
        }

        var statement = new MultiRowStatement(connection, transaction);
        if (connection is SqliteConnection)
        {
            // The FTS5 rows come after the commit (CaptureSearchIndexer, decision 130).
            await statement.ExecuteAsync([.. captures.Select(c => Row(c.Capture))], values => $"""INSERT INTO "request_captures" ({Columns}) {values}""", cancellationToken);
            return;
        }

        await statement.ExecuteAsync(
            [.. captures.Select(c => (object[])[.. Row(c.Capture), c.SearchText])],
            values => $"""INSERT INTO "request_captures" ({Columns}, "SearchVector") SELECT {SelectColumns}, to_tsvector('simple', column11) FROM ({values}) AS v""",
            cancellationToken);
    }

    private static object[] Row(RequestCapture c) =>
        [c.RequestLogId, c.CreatedAt, c.RequestBody, c.ResponseText, c.RequestTruncated, c.ResponseTruncated, c.CapBytes, c.Redactions, c.ContentType, c.UserAgent];
}
