namespace CleanDashboard.Infrastructure.Retention;

/// <summary>Configuration section <c>Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public bool Enabled { get; set; } = true;

    /// <summary>Raw request logs older than this many days are deleted (their feedback with them); daily stats are kept.</summary>
    public int RequestLogDays { get; set; } = 90;

    /// <summary>Rows per DELETE statement: small, so the writer and readers never wait long for the database.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Pause between two DELETE statements.</summary>
    public int PauseMs { get; set; } = 200;

    /// <summary>How often the job looks for expired rows.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
