using System.Text.Json;
using CleanDashboard.Application.Capture;
using CleanDashboard.Application.RequestLogs.Queries.GetRequestLog;
using CleanDashboard.Domain.Entities;
using CleanDashboard.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanDashboard.Infrastructure.ReadStores;

/// <summary>Reads of captured bodies: the full-text phrase search of each provider (decision 105), and a stored capture as its DTO.</summary>
internal static class CaptureSearch
{
    /// <summary>The request logs whose captured text holds <paramref name="phrase"/>: its words, in order, next to each other.</summary>
    public static IQueryable<long> RequestLogIdsMatching(DashboardDbContext db, string phrase) =>
        (db.Database.IsSqlite()
            ? db.RequestCaptures.FromSqlRaw(
                $$"""SELECT * FROM "request_captures" WHERE "Id" IN (SELECT rowid FROM "{{CaptureSearchSql.SqliteTable}}" WHERE "{{CaptureSearchSql.SqliteTable}}" MATCH {0})""",
                Fts5Phrase(phrase))
            : db.RequestCaptures.FromSql($"""SELECT * FROM "request_captures" WHERE "SearchVector" @@ phraseto_tsquery('simple', {phrase})"""))
        .Select(c => c.RequestLogId);

    public static RequestCaptureDto ToDto(RequestCapture stored) => new(
        CaptureCompression.Decompress(stored.RequestBody),
        CaptureCompression.Decompress(stored.ResponseText),
        stored.RequestTruncated || stored.ResponseTruncated,
        JsonSerializer.Deserialize<SortedDictionary<string, int>>(stored.Redactions) ?? [],
        stored.RequestTruncated,
        stored.ResponseTruncated,
        stored.CapBytes,
        stored.ContentType,
        stored.UserAgent);

    /// <summary>An FTS5 string: one phrase, its double quotes doubled, so nothing the user typed is FTS5 syntax.</summary>
    private static string Fts5Phrase(string phrase) => "\"" + phrase.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
