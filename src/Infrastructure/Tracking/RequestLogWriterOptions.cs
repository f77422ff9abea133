using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>Configuration section <c>RequestLogWriter</c>.</summary>
public sealed class RequestLogWriterOptions
{
    public const string Section = "RequestLogWriter";

    /// <summary>Entries waiting for the writer; when full, new entries are dropped and counted, never waited for.</summary>
    [Range(1, int.MaxValue)]
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>
    /// At most this many entries per transaction. A batch takes what queued within <see cref="BatchDelayMs"/>, so the
    /// cap only matters under load, where the rollups' upserts are shared by more entries (decision 127).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int BatchSize { get; set; } = 20_000;

    /// <summary>A batch is written at the latest this long after its first entry arrived.</summary>
    [Range(0, int.MaxValue)]
    public int BatchDelayMs { get; set; } = 200;

    /// <summary>
    /// Where entries go when the database cannot take them (at shutdown, or when the queue is half full); replayed in
    /// order once it can. Default: beside the SQLite file (<c>&lt;file&gt;.request-journal</c>), or
    /// <c>data/&lt;database&gt;.request-journal</c> on PostgreSQL. Each instance needs its own; it may sit on another volume.
    /// </summary>
    public string? JournalPath { get; set; }

    /// <summary>The journal's bound, reserved on disk when the file is created (64 MiB ≈ 150,000 entries); 0 switches the journal off.</summary>
    [Range(0, long.MaxValue, ErrorMessage = "The field {0} must be 0 or more (0 switches the journal off).")]
    public long JournalMaxBytes { get; set; } = 64L * 1024 * 1024;
}
