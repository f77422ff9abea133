using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CleanDashboard.Infrastructure.Alerts;

/// <summary>Settings under <c>Alerts</c>.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the rules are evaluated.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an instance keeps the evaluation lease without renewing it; a few intervals, so a stopped instance is replaced quickly.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    [ValidateObjectMembers]
    public DeliveryOptions Delivery { get; set; } = new();

    public sealed class DeliveryOptions
    {
        /// <summary>Attempts per notification, the first included.</summary>
        [Range(1, 100)]
        public int MaxAttempts { get; set; } = 4;

        /// <summary>The first retry's delay; each later one doubles it (with jitter).</summary>
        [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>How long one attempt may take.</summary>
        [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    }
}
