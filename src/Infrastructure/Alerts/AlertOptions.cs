namespace CleanDashboard.Infrastructure.Alerts;

/// <summary>Settings under <c>Alerts</c>.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the rules are evaluated.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an instance keeps the evaluation lease without renewing it; a few intervals, so a stopped instance is replaced quickly.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    public DeliveryOptions Delivery { get; set; } = new();

    public sealed class DeliveryOptions
    {
        /// <summary>Attempts per notification, the first included.</summary>
        public int MaxAttempts { get; set; } = 4;

        /// <summary>The first retry's delay; each later one doubles it (with jitter).</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>How long one attempt may take.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    }
}
