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

    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
