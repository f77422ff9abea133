namespace CleanDashboard.Application.Health.Common;

/// <summary>What the running application is: its version and when it started.</summary>
public sealed record ApplicationInfo(string Version, DateTimeOffset StartedAt);
