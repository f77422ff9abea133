using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Infrastructure.Retention;

/// <summary>Configuration section <c>Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public bool Enabled { get; set; } = true;

    /// <summary>Raw request logs older than this many days are deleted (their feedback with them); daily stats are kept.</summary>
    [Range(1, 36_500)]
    public int RequestLogDays { get; set; } = 90;

    /// <summary>Rows per DELETE statement: small, so the writer and readers never wait long for the database.</summary>
    [Range(1, int.MaxValue)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Pause between two DELETE statements.</summary>
    [Range(0, int.MaxValue)]
    public int PauseMs { get; set; } = 200;

    /// <summary>How often the job looks for expired rows.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "365.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
