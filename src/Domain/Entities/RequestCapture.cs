namespace CleanDashboard.Domain.Entities;

/// <summary>
/// The redacted bodies of one captured gateway request, Brotli-compressed, kept for fewer days than its request log
/// (capture retention). Its text is also in the database's full-text index (SQLite FTS5, PostgreSQL tsvector).
/// </summary>
public class RequestCapture
{
    public const int ContentTypeMaxLength = 128;
    public const int UserAgentMaxLength = 512;
    public const int RedactionsMaxLength = 1024;

    public long Id { get; set; }

    public long RequestLogId { get; set; }

    public RequestLog? RequestLog { get; set; }

    /// <summary>The request's time, like its request log's.</summary>
    public DateTime CreatedAt { get; set; }

    public byte[] RequestBody { get; set; } = [];

    public byte[] ResponseText { get; set; } = [];

    public bool RequestTruncated { get; set; }

    public bool ResponseTruncated { get; set; }

    public int CapBytes { get; set; }

    /// <summary>Replacements per kind as JSON, e.g. <c>{"email":2}</c>.</summary>
    public string Redactions { get; set; } = "{}";

    public string ContentType { get; set; } = string.Empty;

    public string UserAgent { get; set; } = string.Empty;
}
