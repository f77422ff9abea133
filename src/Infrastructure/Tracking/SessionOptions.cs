using System.ComponentModel.DataAnnotations;

namespace CleanDashboard.Infrastructure.Tracking;

/// <summary>Configuration section <c>Sessions</c>: how users' requests are grouped into sessions.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A gap longer than this between two requests of a user starts a new session.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
