namespace CleanDashboard.Application.Health.Common;

/// <summary>Overall and per part: "healthy", "degraded" (works with reduced function) or "unhealthy" (cannot serve).</summary>
public static class HealthStatus
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";
}
