namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>Configuration section <c>RequestLogWriter</c> (and <c>Sessions:IdleTimeout</c>).</summary>
public sealed class RequestLogWriterOptions
{
    public const string Section = "RequestLogWriter";

    /// <summary>Entries waiting for the writer; when full, new entries are dropped and counted, never waited for.</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>At most this many entries per transaction.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>A batch is written at the latest this long after its first entry arrived.</summary>
    public int BatchDelayMs { get; set; } = 200;

    /// <summary>
    /// Where entries go when the database cannot take them (at shutdown, or when the queue is half full); replayed in
    /// order once it can. Default: beside the SQLite file (<c>&lt;file&gt;.request-journal</c>), or
    /// <c>data/&lt;database&gt;.request-journal</c> on PostgreSQL. Each instance needs its own; it may sit on another volume.
    /// </summary>
    public string? JournalPath { get; set; }

    /// <summary>The journal's bound, reserved on disk when the file is created (64 MiB ≈ 150,000 entries); 0 switches the journal off.</summary>
    public long JournalMaxBytes { get; set; } = 64L * 1024 * 1024;

    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
